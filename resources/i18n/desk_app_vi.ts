<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="vi_VN">
<context>
    <name></name>
    <message>
        <source>Tìm: mã hồ sơ, số CCCD, điện thoại, tên hoặc địa chỉ (gõ không dấu được)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi trạng thái</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang giải quyết (chưa xong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi lĩnh vực</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhận từ ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sắp đến hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ đang giải quyết, hẹn trả trong một ngày làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ đang giải quyết đã quá ngày hẹn trả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bỏ lọc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hơn {n} hồ sơ khớp (cuộn xuống để tải thêm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa có hồ sơ nào</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không có hồ sơ nào khớp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang giải quyết: {open} · sắp đến hạn: {soon} · quá hạn: {late}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
