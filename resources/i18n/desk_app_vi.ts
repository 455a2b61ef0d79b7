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
        <source>Chưa xong (mọi hồ sơ đang mở)</source>
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
        <source>Đang giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trong đó chờ bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sắp đến hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chờ trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chờ bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chờ trả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Một cửa - {name} - {full_name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm hồ sơ: mã, tên, CCCD, điện thoại - không cần dấu (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chi tiết hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cán bộ: {full_name} ({get})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tài khoản</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khoá màn hình	Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhật ký thao tác…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng xuất, đổi cán bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ mã {code}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ có mã {code}. Kiểm tra lại giấy hẹn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm «{text}»: {count} hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trả kết quả: quét mã vạch trên giấy hẹn.</source>
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
        <source>Liên 1: Lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liên 2: Giao người nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;BẢN IN LẠI&lt;/b&gt;: phiếu này đã được in trước đây; bản in mới ghi rõ là bản in lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu phiếu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cách in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số liên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khổ giấy</source>
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
    <message>
        <source>Trả kết quả hồ sơ {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trả kết quả hồ sơ &lt;b&gt;{code}&lt;/b&gt;. Ai nhận kết quả? (có thể quét mã QR trên thẻ CCCD của người nhận)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Người nộp hồ sơ: {applicant}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số CCCD/CMND:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người &amp;khác nhận thay (được ủy quyền)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ và tên người nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12 chữ số (CMND cũ: 9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ và tên:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận trả kết quả (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quay lại (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>giờ:phút ngày/tháng/năm, ví dụ 09:00 04/12/2026</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thứ Hai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thứ Ba</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thứ Tư</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thứ Năm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thứ Sáu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thứ Bảy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chủ Nhật</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value:%H:%M} ngày {value:%d/%m/%Y}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{vnd} đồng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trong ngày (nhận sau {cutoff:%H:%M} trả vào ngày làm việc tiếp theo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} ngày (tính cả ngày nghỉ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} ngày làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Màn hình đã khoá&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cán bộ &lt;b&gt;{full_name}&lt;/b&gt; ({username}) đang làm việc.&lt;br&gt;Các thông tin đang nhập được giữ nguyên. Nhập mật khẩu để mở khoá.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quản trị - tài khoản cán bộ và cài đặt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khoá / mở khoá tài khoản đang chọn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tạo tài khoản cán bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu (ít nhất 8 ký tự)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tạo tài khoản</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khoá màn hình khi không thao tác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> phút</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>không khoá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số quầy của máy này (chữ số đầu của số thứ tự trong mã hồ sơ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chưa đặt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lịch làm việc…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày nghỉ, ngày làm bù, giờ làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thông tin đơn vị…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xã, mã định danh, tên bộ phận, điện thoại, máy in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao lưu, khôi phục…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đang dùng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đã khoá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bỏ tài khoản đang nhập dở?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn một tài khoản trong danh sách trước.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mở khoá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khoá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{verb} tài khoản {username} ({name})?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu: khoá sau {v0} phút không thao tác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu: không tự khoá.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu: quầy số {result}; mã hồ sơ mới của máy này có số thứ tự {result}001, {result}002…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt lại mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt mật khẩu tạm cho &lt;b&gt;{username}&lt;/b&gt; ({full_name}). Cán bộ sẽ phải đổi mật khẩu khi đăng nhập lần sau; tài khoản đang bị tạm khoá vì nhập sai mật khẩu cũng được mở.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu tạm (ít nhất 8 ký tự)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã đặt lại mật khẩu cho {username}. Cán bộ sẽ đổi mật khẩu khi đăng nhập lần sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng xuất, đổi cán bộ khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ đang nhập dở được lưu nháp và khôi phục khi đăng nhập lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đánh giá: chờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đánh giá: đang đánh giá…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đánh giá: đã ghi nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đánh giá: chưa lưu được, người dân có thể gửi lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đánh giá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số liệu mức độ hài lòng…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hiện màn hình đánh giá cho người dân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo bộ phận xem được số liệu đánh giá.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển trạng thái hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In phiếu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khoá tài khoản</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mở khoá tài khoản</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đổi số quầy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đổi thời gian khoá màn hình</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sửa lịch làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sửa giờ làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sửa thông tin đơn vị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sửa thiết lập sao lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận giờ máy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng ký với tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số hóa thành phần hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tái sử dụng giấy tờ đã số hóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt máy giữ hàng đợi số thứ tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn máy in vé số thứ tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đặt cách nối hàng đợi số thứ tự trong cơ quan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quầy khác gọi số qua mạng nội bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bản ghi số {seq} đã bị sửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thiếu bản ghi trước bản ghi số {seq} (bị xoá?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bản ghi số {seq} bị chèn thêm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bản ghi số {seq} sai thứ tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chuỗi bị đứt tại bản ghi số {seq}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>có bản ghi hỏng dữ liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bản ghi số {seq} có lỗi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhật ký thao tác - Một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi thao tác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cán bộ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Thao tác:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hồ sơ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ &amp;ngày:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đến:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời điểm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ, nội dung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kiểm tra chuỗi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mọi cán bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(trước khi có tài khoản)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} thao tác khớp bộ lọc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} thao tác khớp bộ lọc; hiện {shown} thao tác mới nhất</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuỗi nhật ký nguyên vẹn: không bản ghi nào bị sửa, xoá hay đổi chỗ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhật ký đã bị can thiệp: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Góp ý thêm (không bắt buộc, chạm để chọn):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đánh giá mức độ hài lòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin kính chào Ông/Bà!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sau khi nhận hoặc nộp hồ sơ, xin Ông/Bà dành vài giây đánh giá mức độ hài lòng trên màn hình này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin cảm ơn Ông/Bà!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ý kiến của Ông/Bà đã được ghi nhận và giúp chúng tôi phục vụ tốt hơn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công chức đang làm việc: &lt;b&gt;{clerk}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{get} · Hồ sơ {code}&lt;br&gt;{procedure}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Các tiêu chí dưới đây không bắt buộc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Màn hình tự trở về sau {timeout_seconds} giây nếu không có thao tác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gửi đánh giá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp dữ liệu {file} trong thư mục {folder} bị hỏng: kiểm tra toàn vẹn không đạt. Chương trình không ghi gì vào tệp hỏng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tệp đánh dấu dữ liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (tạo lúc {when})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p} bản sao lưu trong thư mục backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p} phiếu đã in (PDF) trong thư mục printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>một hồ sơ đang nhập dở (bản nháp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trong thư mục có: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. Chương trình không tự tạo dữ liệu mới (trống) để không che mất các hồ sơ cũ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản sao lưu mới nhất còn tốt: {backup} (lúc {when}). Hồ sơ tiếp nhận sau thời điểm đó không có trong bản sao lưu: đối chiếu các phiếu đã in (thư mục printed) để nhập lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không có bản sao lưu nào dùng được. Hãy nhờ cán bộ tin học tìm lại tệp {file} (thùng rác, ổ USB, bản sao trên máy khác) và chép vào thư mục {folder}, hoặc chép một bản sao lưu vào thư mục backups, rồi mở lại chương trình.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bỏ qua các bản sao lưu không đạt kiểm tra: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Việc nên làm: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chọn «Khôi phục từ bản sao lưu», rồi </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>báo cán bộ tin học của xã (hoặc bộ phận hỗ trợ phần mềm của tỉnh). Chỉ tạo dữ liệu mới khi chắc chắn không cần các hồ sơ cũ; tệp cũ vẫn được giữ trong thư mục aside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> «Chỉ xem» mở dữ liệu hiện có để tra cứu, không tiếp nhận hay cập nhật được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Tệp hỏng đến mức không mở được, kể cả để chỉ xem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu của bộ phận một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khôi phục từ bản sao lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ xem (không ghi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tạo dữ liệu mới, trống...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu mới sẽ không có hồ sơ, tài khoản hay cài đặt nào của dữ liệu cũ (tệp cũ được giữ trong thư mục aside). Để xác nhận, gõ &lt;b&gt;{CONFIRM_WORDS}&lt;/b&gt; vào ô dưới:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận tạo dữ liệu mới</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu bị hỏng: ngừng ghi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu gửi lên sai dạng theo máy chủ tỉnh (lỗi của chương trình)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu mang mã của xã khác, hoặc hồ sơ đã thuộc xã khác: máy này không được gửi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh đã có một bản khác của chính thay đổi này (máy được khôi phục từ bản sao lưu cũ?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thay đổi quá lớn so với giới hạn của máy chủ tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nội dung có ký tự ẩn hoặc ký tự điều khiển không hợp lệ (nhập từ phiên bản cũ của phần mềm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh đã có một bản khác của thay đổi này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh không nhận thay đổi này (lý do chưa có lời giải thích trên máy này)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gia hạn, hẹn lại (mẫu 04)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp tục hồ sơ (công dân bổ sung)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Báo tỉnh: không nhận thay đổi trạng thái do tỉnh gửi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phiếu đánh giá của người dân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lúc làm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công chức</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tháng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phiếu số {seq} có lỗi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>có phiếu bị lỗi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mức độ hài lòng của người dân</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đến ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không tính các phiếu đánh giá lặp lại của cùng một lượt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiểm tra lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số phiếu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỷ lệ hài lòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tổng cộng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang kiểm tra chuỗi đánh giá…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không kiểm tra được chuỗi đánh giá (xem nhật ký).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cảnh báo: dữ liệu đánh giá đã bị can thiệp - </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kiểm tra chuỗi: dữ liệu đánh giá toàn vẹn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lĩnh vực</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thay đổi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa mở hồ sơ nào. Quét mã vạch trên giấy hẹn hoặc tìm hồ sơ (Ctrl+F).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xử lý hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bắt buộc khi chờ bổ sung, từ chối, rút hoặc dừng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do / ghi chú:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gia hạn, xin lỗi (mẫu 04) - lãnh đạo bộ phận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gia hạn và lập văn bản xin lỗi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hẹn trả mới:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do chậm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Quá trình giải quyết&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do / ghi chú</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp tục hồ sơ (công dân đã bổ sung)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do tỉnh không nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển trạng thái {before}«{status_label}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thay đổi khác của hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thay đổi khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{change_words}, hồ sơ {dossier_code}.
{reason_words}.
Tỉnh trả lời lúc {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} thay đổi bị máy chủ tỉnh từ chối:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>- {made} · {change} · hồ sơ {code} · người nộp {citizen} · cán bộ {clerk} · {why} (mã lý do {reason}; số thứ tự {seq}; mã thay đổi {uuid}) · tỉnh trả lời lúc {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thay đổi bị máy chủ tỉnh từ chối</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh không nhận {count} thay đổi dưới đây. Các thay đổi này vẫn được giữ nguyên trên máy, không gửi lại, và không làm chậm các thay đổi khác (vẫn được gửi bình thường). Hãy báo cho quản trị hoặc Văn phòng UBND tỉnh, gửi kèm danh sách này (nút «Chép danh sách»).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chép danh sách</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao lưu, khôi phục - Một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao lưu tự động (mỗi ngày và khi thoát chương trình)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chọn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> bản gần nhất</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Thư mục sao lưu:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Giữ lại:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mật khẩu sao lưu:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Nhập lại mật khẩu:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản sao lưu được mã hoá bằng mật khẩu này. Hãy ghi mật khẩu ra giấy, cất nơi an toàn: mất mật khẩu thì không khôi phục được. Để trống hai ô mật khẩu nếu giữ mật khẩu cũ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lưu thiết lập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời điểm sao lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dung lượng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sao lưu ngay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Khôi phục bản đã chọn…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(đã đặt: để trống nếu giữ nguyên)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lần sao lưu gần nhất ({at}) KHÔNG thành công: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lần sao lưu gần nhất: {at}, đã kiểm tra đọc lại được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa có bản sao lưu nào.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mb:.1f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kb} kB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn thư mục sao lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu thiết lập sao lưu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang sao lưu và kiểm tra bản sao lưu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã sao lưu và kiểm tra: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn một bản sao lưu trong danh sách trước.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu sao lưu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu của bản sao lưu {at}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang đọc và kiểm tra bản sao lưu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (chưa có hồ sơ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản sao lưu lúc {at} của {commune} có {n} hồ sơ. Mã cuối cùng mỗi ngày:
{codes}

Khôi phục sẽ thay dữ liệu hiện tại bằng bản này; dữ liệu hiện tại được cất riêng (thư mục aside), không xoá. Chương trình sẽ khởi động lại, rồi đối chiếu với máy chủ tỉnh để lấy lại những gì đã gửi sau lúc sao lưu.

Khôi phục bản này?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khôi phục dữ liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hằng ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>khi thoát</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sao lưu ngay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã chép</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cần ghi lý do để chuyển sang «{status_label}».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã chuyển hồ sơ sang «{status_label}».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số hóa: {name} — hồ sơ {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu bản số hóa: {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã trả kết quả hồ sơ &lt;b&gt;{code}&lt;/b&gt;{to}: &lt;b&gt;{timing}&lt;/b&gt;. Mời công dân đánh giá mức độ hài lòng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ này đã được tiếp tục bằng hồ sơ {resumed_by}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mở phiếu tiếp nhận với dữ liệu của hồ sơ này; đánh dấu những gì công dân mang đến rồi tiếp nhận: hồ sơ mới được liên kết với hồ sơ này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gia hạn hồ sơ {code}: hẹn trả mới {appointment}, lập văn bản xin lỗi (mẫu 04)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã gia hạn, hẹn trả mới {datetime}. In văn bản xin lỗi (mẫu 04) gửi công dân.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (hẹn ban đầu {datetime})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;margin:0&apos;&gt;Hồ sơ {code}&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Trạng thái: &lt;b&gt;{status}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> &lt;span style=&apos;color:#b00020&apos;&gt;&lt;b&gt;(quá hạn)&lt;/b&gt;&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Thủ tục: {procedure_code} · {procedure}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Người nộp: &lt;b&gt;{applicant}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · ĐT {applicant_phone}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Nơi thường trú: {applicant_address}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Người nộp thay: {representative}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Tiếp nhận: {datetime} · cán bộ {received_by}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Hẹn trả: &lt;b&gt;{due}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · nhận qua bưu chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · lệ phí {money}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Đã trả: {datetime} ({timing_label})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;Lý do: {outcome_reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số thứ tự {label} ({occasion}, quầy {counter}): chờ {wait} phút, phục vụ {service} phút</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hẹn mới {datetime}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vẫn «{status_label}», không chuyển sang «{v1}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp tục hồ sơ {code_link} (đã yêu cầu bổ sung).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công dân đã bổ sung: tiếp tục bằng hồ sơ {code_link}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Người nhận kết quả: &lt;b&gt;{get}&lt;/b&gt; ({role}), số CCCD/CMND {v2}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bản chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bản sao chứng thực</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bản sao</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;span style=&apos;color:#9a5b00&apos;&gt;Số CCCD không khớp ({words}): cán bộ {clerk} đã đối chiếu thẻ gốc khi tiếp nhận.&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — &lt;span style=&apos;color:#1e6b34&apos;&gt;đã số hóa&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#9a5b00&apos;&gt;{text} — chưa đủ&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Thành phần hồ sơ:&lt;/b&gt;&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày nghỉ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày làm bù</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xã</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày lễ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cùng giờ tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ kết thúc làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lịch làm việc của xã</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Năm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thứ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nguồn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bỏ ngày đang chọn (chỉ ngày do xã đặt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm ngày nghỉ hoặc ngày làm bù của xã</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngày/tháng/năm, ví dụ 02/01/2027</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lý do, văn bản (không bắt buộc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ làm việc và giờ hẹn trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buổi {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ hẹn trả (thời hạn tính bằng ngày làm việc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu giờ làm việc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thay đổi áp dụng cho hồ sơ tiếp nhận từ nay; hồ sơ đã nhận giữ ngày hẹn đã in. Ngày do tỉnh quy định được ưu tiên.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày lễ theo quy định chung: thêm «Ngày làm bù» nếu xã làm việc hôm đó.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>người nhận: {get} ({role}), CCCD/CMND {v2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tiếp tục hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tiếp tục bằng hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản sao chứng thực</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản sao</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} &lt;i&gt;(nếu có)&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} đã nhận, cần {need}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhận đủ tất cả (Alt+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đánh dấu đã nhận đủ mọi thành phần bắt buộc (Alt+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn thủ tục để hiện danh sách thành phần hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thành phần hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ máy hiện tại là đúng…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận giờ máy hiện tại ({now}) là đúng?

Chỉ chọn «Có» khi đã đối chiếu với đồng hồ chuẩn (điện thoại, giờ của tỉnh): lần ghi cuối của máy ({last}) là do đồng hồ từng chạy nhanh. Từ nay hồ sơ ghi theo giờ máy, kể cả sớm hơn lần ghi đó; việc xác nhận được lưu lại (người, giờ).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ tiếp nhận, ngày trong mã hồ sơ và hạn trả kết quả tính theo giờ máy: hãy báo quản trị chỉnh lại đồng hồ máy tính. Vẫn tiếp nhận được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng hồ máy này đã bị chỉnh lùi: giờ máy sớm hơn lần ghi cuối của máy ({datetime}). Hồ sơ tiếp nhận lúc này sẽ ghi giờ {datetime} để giữ đúng thứ tự.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (đo ở lần đồng bộ cuối).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ máy tính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang lưu hồ sơ trước: quét lại thẻ CCCD sau khi lưu xong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Căn cứ: {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bỏ hồ sơ đang nhập dở để bắt đầu hồ sơ mới? Những gì đã nhập sẽ mất.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>người nộp thay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>người nộp hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã đọc thẻ CCCD của {who}: &lt;b&gt;{full_name}&lt;/b&gt;, số {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Thông tin đã thay: {before}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, số {before}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Các ô đã nhập được giữ nguyên; hãy quét lại hoặc nhập tay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã khôi phục hồ sơ đang nhập dở (lưu tự động lúc {when}, cán bộ {get}). Kiểm tra lại rồi lưu, hoặc &lt;a href=&apos;discard&apos;&gt;bỏ bản nháp này&lt;/a&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Thủ tục «{get}» không còn hiệu lực: hãy chọn lại thủ tục.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã bỏ bản nháp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bỏ hồ sơ đang nhập dở để tiếp tục hồ sơ {code}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Thủ tục hành chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lĩnh vực:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời hạn giải quyết:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phí, lệ phí:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hẹn trả kết quả:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Thành phần hồ sơ nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. Người nộp hồ sơ (Alt+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quét mã QR trên thẻ CCCD để điền tự động (con trỏ ở ô nào cũng được).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có người nộp thay (nộp hộ, được ủy quyền)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4. Nhận kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tại Bộ phận một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính (gửi về địa chỉ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>để trống: gửi về nơi thường trú</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số trang (chứng thực):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hình thức nhận:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ nhận:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số lượng hồ sơ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi chú:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ mới (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung (Ctrl+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp nhận hồ sơ (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thành phần còn thiếu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản sao CT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ghi chú / lý do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ chưa đầy đủ thành phần theo quy định của thủ tục.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quay lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cần ghi rõ lý do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Các thành phần còn thiếu (đã điền sẵn theo danh sách kiểm tra; có thể sửa, thêm, xoá dòng):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm dòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xoá dòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do yêu cầu bổ sung:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu phiếu yêu cầu bổ sung (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dòng {v0}, cột «{COLUMNS}»: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cần ít nhất một thành phần còn thiếu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ chối tiếp nhận hồ sơ (mẫu 03)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ không đủ điều kiện tiếp nhận. Ghi rõ lý do từ chối (in trên phiếu từ chối):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lý do từ chối:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu phiếu từ chối (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số CCCD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày sinh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giới tính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nơi thường trú</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thư điện tử</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quan hệ / ủy quyền</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— chọn —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nữ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã đối chiếu thẻ gốc, thông tin đúng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nguyễn Văn A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12 chữ số, hoặc quét mã QR trên thẻ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngày/tháng/năm, ví dụ 15/03/1990</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thôn/xóm, xã, tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>không bắt buộc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>con, được ủy quyền…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cảnh báo: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. Kiểm tra lại thẻ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gõ tên hoặc mã thủ tục, không cần dấu (ví dụ: khai sinh, ket hon, 1.001193)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Tiếp tục hồ sơ {code}&lt;/b&gt; (công dân đã bổ sung). {detail} Đánh dấu những gì công dân mang đến rồi tiếp nhận (Ctrl+Enter): hồ sơ mới được liên kết với hồ sơ {code}. &lt;a href=&apos;stop&apos;&gt;Không tiếp tục hồ sơ này&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Tiếp tục hồ sơ {code}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung lúc {datetime}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Còn thiếu: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thủ tục «{procedure_title}» của hồ sơ cũ không còn hiệu lực: hãy chọn thủ tục đang áp dụng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phiên bản thủ tục của hồ sơ cũ không còn hiệu lực: chọn thủ tục đang áp dụng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang lưu hồ sơ… (chờ cơ sở dữ liệu; các ô đã nhập được giữ nguyên)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Nếu công dân chưa mang đủ, dùng «Yêu cầu bổ sung» (Ctrl+B).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa chọn thủ tục.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ còn thông tin chưa đúng: xem các ô được đánh dấu đỏ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã tiếp nhận hồ sơ &lt;b&gt;{code}&lt;/b&gt;. Hẹn trả kết quả: &lt;b&gt;{appointment}&lt;/b&gt;. Lệ phí: {money}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (mẫu 02) số &lt;b&gt;{code}&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lập phiếu từ chối tiếp nhận (mẫu 03) số &lt;b&gt;{code}&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (Hồ sơ này đã được lưu trước đó.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Hồ sơ tiếp tục hồ sơ &lt;b&gt;{code}&lt;/b&gt; (đã liên kết).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{text} &lt;a href=&apos;open&apos;&gt;Mở hồ sơ&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sai tên đăng nhập hoặc mật khẩu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhập mật khẩu rồi nhấn Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản tạm khoá do nhập sai mật khẩu {LOGIN_ATTEMPTS} lần liên tiếp. Thử lại sau {until:%H:%M} (khoảng {v2} phút), hoặc nhờ quản trị đặt lại mật khẩu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{WRONG_LOGIN} Còn {attempts_left} lần thử trước khi tài khoản bị tạm khoá {v2} phút.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng nhập - Một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;{desk_name}&lt;/h3&gt;&lt;p&gt;Đăng nhập bằng tài khoản cán bộ tiếp nhận.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bộ phận tiếp nhận và trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng nhập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đổi mật khẩu - Một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Đổi mật khẩu&lt;/h3&gt;&lt;p&gt;Quản trị đã đặt lại mật khẩu cho tài khoản &lt;b&gt;{username}&lt;/b&gt; ({full_name}). Hãy đặt mật khẩu mới của riêng mình (ít nhất 8 ký tự) trước khi làm việc.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu mới</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu mới</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đổi mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thiết lập lần đầu - Một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Chào mừng!&lt;/h3&gt;&lt;p&gt;Chưa có tài khoản nào. Hãy tạo tài khoản &lt;b&gt;quản trị&lt;/b&gt; cho bộ phận một cửa; tài khoản này sẽ tạo tài khoản cho các cán bộ khác.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số quầy của máy này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mỗi máy tiếp nhận của xã một số quầy khác nhau (1-9): số quầy là chữ số đầu của số thứ tự trong mã hồ sơ, nên hai máy không bao giờ cấp trùng mã.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa nhập thông tin bắt buộc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá dài (tối đa {max} ký tự).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Họ tên chỉ gồm chữ cái, không có chữ số.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số CCCD phải gồm 12 chữ số (CMND cũ: 9 chữ số).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ba chữ số đầu của CCCD không phải mã tỉnh hợp lệ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số điện thoại không đúng: di động gồm 10 chữ số, đầu 03, 05, 07, 08, 09 (ví dụ 0912 345 678); cố định gồm 11 chữ số, đầu 02 (ví dụ 024 3825 1234).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số điện thoại chỉ gồm chữ số (được có dấu cách, dấu chấm, gạch ngang, +84); có ký tự không hợp lệ: {chars}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đầu số di động 11 chữ số đã đổi sang 10 chữ số từ năm 2018: số mới là {new}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có ký tự không in được trên biểu mẫu: {chars}. Hãy xoá ký tự đó hoặc thay bằng chữ, số, dấu câu thông thường.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có ký tự ẩn không được phép ({codes}), thường lẫn vào khi dán từ nơi khác: hãy xoá đoạn vừa dán rồi gõ lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thư điện tử không đúng dạng (ví dụ ten@example.vn).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày sinh không thể ở tương lai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày sinh trước năm 1900: kiểm tra lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhập giờ và ngày dạng giờ:phút ngày/tháng/năm, ví dụ 09:00 04/12/2026.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày không đúng dạng ngày/tháng/năm (ví dụ 15/03/1990).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giới tính chỉ là Nam hoặc Nữ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giá trị ngoài khoảng cho phép.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lựa chọn không hợp lệ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thủ tục này không còn hiệu lực hôm nay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thành phần không thuộc thủ tục này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số lượng không được âm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa đủ số lượng yêu cầu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày hẹn mới phải sau ngày hẹn hiện tại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày {day} do tỉnh quy định: xã không thay đổi được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày {day} đã là ngày nghỉ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày {day} đã là ngày làm việc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày {day} không có trong lịch riêng của xã.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ «{value}» không hợp lệ: nhập dạng 07:30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ kết thúc phải sau giờ bắt đầu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buổi này bắt đầu trước khi buổi trước kết thúc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời điểm hẹn mới đã qua: chọn một thời điểm sau bây giờ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày {day} là {why}, không phải ngày làm việc: chọn một ngày làm việc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} là ngoài giờ làm việc ({hours}): chọn giờ trong giờ làm việc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên đăng nhập chỉ gồm chữ, số, dấu chấm hoặc gạch dưới.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên đăng nhập đã có người dùng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu cần ít nhất {min} ký tự.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số CCCD không khớp với thông tin đã nhập ({problems}): sửa lại, hoặc đánh dấu «Đã đối chiếu thẻ gốc» nếu thông tin đúng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu mới phải khác mật khẩu tạm do quản trị đặt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã định danh gồm 4 nhóm cách nhau bởi dấu chấm: 3 số, 2 số, 2 số, rồi một chữ in hoa và 2 số (ví dụ 000.00.12.H26).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đây là mã của UBND tỉnh (hai nhóm giữa đều là 00), không phải mã của xã: nhập mã định danh của UBND xã.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy đã đăng ký với tỉnh theo mã {code}: đề nghị tỉnh đổi mã của xã trước, rồi đăng ký lại máy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ tỉnh không đúng dạng: chép lại đúng địa chỉ tỉnh cấp, đủ cả phần đầu (như ví dụ mờ trong ô).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn thư mục bằng nút «Chọn…» (đường dẫn đầy đủ, ví dụ E:\SaoLuu hoặc /media/usb/saoluu).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số quầy là một chữ số từ {min} đến {max}; mỗi máy của xã một số khác nhau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lựa chọn không có trong phiếu đánh giá.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mức đánh giá không có trong phiếu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Câu hỏi không có trong phiếu đánh giá.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã định danh của phiếu đánh giá không hợp lệ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không được tiếp nhận hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không được lập phiếu yêu cầu bổ sung.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không được từ chối hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không được chuyển xử lý hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không được số hóa hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không được ghi nhận rút hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không được trả kết quả.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không được in phiếu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo bộ phận mới được gia hạn và ký văn bản xin lỗi (mẫu 04).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo bộ phận mới được dừng giải quyết hồ sơ (mẫu 05).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo bộ phận mới xem và kiểm tra được số liệu đánh giá.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ tài khoản quản trị mới đăng ký được máy với máy chủ tỉnh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ tài khoản quản trị mới thay đổi được cài đặt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ tài khoản quản trị mới quản lý được tài khoản cán bộ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo bộ phận mới xem được báo cáo tổng hợp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giá trị chưa hợp lệ: hãy kiểm tra lại ô này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không thực hiện được việc này. Chi tiết đã được ghi vào nhật ký để người quản trị kiểm tra.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa đăng ký được với tỉnh vì một lỗi của chương trình (đã ghi nhật ký). Hãy thử lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chương trình Một cửa đang mở với thư mục dữ liệu {folder} (tiến trình số {pid}). Mỗi thư mục dữ liệu chỉ mở một chương trình một lúc, để hai cửa sổ không ghi đè lên nhau. Hãy dùng cửa sổ đang mở (xem trên thanh tác vụ); nếu không thấy, đợi một lát rồi mở lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không lưu được tệp báo cáo ({path}): ổ đĩa đầy, không có quyền ghi vào thư mục đó, hoặc tệp đang mở trong chương trình khác. Hãy đóng tệp hoặc chọn thư mục khác rồi thử lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu đang bận (một cửa sổ khác đang ghi). Vui lòng thử lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ổ đĩa chứa thư mục dữ liệu {folder} đã đầy (không ghi thêm được): chưa lưu được. Hồ sơ đang nhập (nếu có) vẫn còn trên màn hình. Hãy xoá bớt tệp không cần trên ổ đĩa đó (hoặc nhờ cán bộ tin học), rồi thử lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không ghi được vào thư mục dữ liệu {folder}: thư mục hoặc ổ đĩa đang ở chế độ chỉ đọc, hoặc tài khoản này không có quyền ghi. Chưa lưu được; hồ sơ đang nhập (nếu có) vẫn còn trên màn hình. Hãy nhờ cán bộ tin học kiểm tra ổ đĩa và quyền ghi của thư mục, rồi thử lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lỗi cơ sở dữ liệu trong thư mục {folder}: chưa lưu được. Xem nhật ký để biết chi tiết.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp dữ liệu trong thư mục {folder} bị hỏng (kiểm tra toàn vẹn không đạt). Để không làm hỏng thêm, chương trình ngừng ghi: vẫn xem được hồ sơ đã có, nhưng chưa tiếp nhận hay cập nhật được hồ sơ nào. Hãy đóng chương trình, mở lại và chọn «Khôi phục từ bản sao lưu»; báo ngay cán bộ tin học của xã (hoặc bộ phận hỗ trợ phần mềm của tỉnh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không thấy tệp dữ liệu {file} trong thư mục {folder}, dù thư mục cho thấy máy này đã có dữ liệu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp dữ liệu {file} trong thư mục {folder} rỗng (0 byte), dù thư mục cho thấy máy này đã có dữ liệu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản sao lưu {backup} không đạt kiểm tra toàn vẹn: chưa khôi phục, dữ liệu hiện có không bị thay đổi. Hãy báo cán bộ tin học.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu sao lưu không đúng với bản sao lưu {backup}: gõ lại đúng mật khẩu đã đặt khi sao lưu (phân biệt chữ hoa, chữ thường, dấu).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp {backup} không phải bản sao lưu của phần mềm Một cửa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản sao lưu vừa tạo không đạt kiểm tra (đọc lại, toàn vẹn, số bản ghi): đã xoá bản hỏng, dữ liệu trên máy không bị ảnh hưởng. Kiểm tra ổ đĩa sao lưu (USB, thư mục mạng) rồi sao lưu lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không ghi hoặc đọc được thư mục sao lưu {path} (chưa cắm USB, mất mạng tới thư mục chung, hoặc không có quyền ghi). Dữ liệu trên máy không bị ảnh hưởng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa đặt thư mục và mật khẩu sao lưu: quản trị đặt trong «Quản trị» → «Sao lưu, khôi phục…».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mật khẩu sao lưu cần ít nhất {min} ký tự.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bản sao lưu chuẩn bị khôi phục ({path}) không còn: chưa khôi phục, dữ liệu hiện có được giữ nguyên. Hãy khôi phục lại từ «Quản trị».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ đã ở trạng thái cuối «{current}», không thể chuyển sang «{target}».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không thể chuyển hồ sơ từ «{current}» sang «{target}».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản cán bộ không còn hoạt động.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không thể tự khoá tài khoản đang đăng nhập.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ {dossier} không phải hồ sơ đang chờ công dân bổ sung (mẫu 02): không tiếp tục được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ {dossier} đã được tiếp tục bằng hồ sơ {by}: mỗi hồ sơ chỉ tiếp tục được một lần. Mở hồ sơ {by} để xem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu này do một phiên bản mới hơn của phần mềm tạo ra (lược đồ {revision}; phiên bản đang chạy chỉ biết đến {head}). Hãy cài phiên bản mới hơn. Dữ liệu không bị thay đổi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa có thông tin của xã trong dữ liệu: hãy báo người quản trị.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không có mẫu phiếu này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu phiếu này không in được theo khổ giấy đã chọn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy này chưa có số quầy nên chưa cấp được mã hồ sơ. Người quản trị đặt số quầy (1-9, mỗi máy của xã một số khác nhau) trong «Quản trị», rồi tiếp nhận lại; hồ sơ đang nhập vẫn giữ nguyên.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh báo số quầy {counter} đã thuộc một máy khác của xã: nếu tiếp tục, hai máy sẽ cấp trùng mã hồ sơ. Người quản trị chọn số quầy khác trong «Quản trị», rồi tiếp nhận lại; hồ sơ đang nhập vẫn giữ nguyên.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã vừa quét không phải mã QR của thẻ CCCD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã QR có số CCCD không hợp lệ (cần 12 chữ số).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã QR có họ tên không đọc được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã QR có ngày không đọc được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã QR có giới tính không đọc được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã QR đọc được chưa trọn (thiếu thông tin, có thể bị ngắt giữa chừng khi quét): chưa điền gì từ mã này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã vừa quét có ký tự điều khiển lạ (máy quét cài sai chế độ?): chưa điền gì từ mã này. Hãy quét lại, hoặc nhập tay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã vừa quét bắt đầu bằng số 9 chữ số (số CMND cũ), không phải số CCCD 12 chữ số: chưa điền gì từ mã này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>số CCCD không đủ 12 chữ số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mã tỉnh trong số CCCD không tồn tại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chữ số giới tính trong số CCCD không khớp giới tính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>năm sinh trong số CCCD không khớp ngày sinh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển xử lý</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã có kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trả kết quả (F8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ chối giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công dân rút hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dừng giải quyết (mẫu 05)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lãnh đạo bộ phận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển trạng thái</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gia hạn (mẫu 04)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiếp tục (công dân bổ sung)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh chuyển trạng thái</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh chuyển trạng thái: không áp dụng (đã báo lại tỉnh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngày nghỉ lễ «{p}»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thứ Bảy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chủ nhật</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ngày nghỉ theo lịch làm việc của xã</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tài khoản này không được làm việc này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(thư mục dữ liệu)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thông báo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu ý</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không thực hiện được</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chương trình đang mở</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không mở được dữ liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{known_message}

Nhật ký: {log_path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xác nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lỗi chương trình</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.
Chi tiết lỗi được ghi tại: {log_path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa lưu được đánh giá. Xin Ông/Bà bấm “Gửi đánh giá” lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In phiếu… (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In sổ theo dõi hồ sơ (mẫu 07)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In phiếu - {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In sổ theo dõi hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang gửi lệnh in tới máy in &quot;{printer_text}&quot;… Có thể đóng cửa sổ này: kết quả sẽ báo ở thanh trạng thái.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tìm máy in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tạo bản xem trước…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không in được</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không lưu được</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu phiếu thành tệp PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xuất sổ theo dõi hồ sơ ra Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã xuất {n} hồ sơ ra {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu 01 - Giấy tiếp nhận hồ sơ và hẹn trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu 02 - Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu 03 - Phiếu từ chối tiếp nhận giải quyết hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu 04 - Văn bản xin lỗi và hẹn lại ngày trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu 05 - Thông báo dừng giải quyết hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu 06 - Phiếu kiểm soát quá trình giải quyết hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu 07 - Sổ theo dõi hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4 ngang: 2 liên (2 nửa A5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khổ A5, mỗi liên một tờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in hóa đơn 80 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khổ A4 dọc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khổ A4 ngang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ đã được lưu, không bị mất. Kiểm tra máy in rồi bấm &quot;In&quot; lại, hoặc chọn máy in khác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa chọn máy in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không tìm thấy máy in &quot;{printer}&quot;. Máy in có thể đã bị gỡ hoặc đổi tên.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in &quot;{printer}&quot; đang mất kết nối (chưa bật, rút cáp hoặc mất mạng).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in &quot;{printer}&quot; hết giấy. Hãy nạp giấy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in &quot;{printer}&quot; bị kẹt giấy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in &quot;{printer}&quot; đang mở nắp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in &quot;{printer}&quot; hết mực.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in &quot;{printer}&quot; đang tạm dừng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in &quot;{printer}&quot; đang không nhận lệnh in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dịch vụ in của máy tính không hoạt động.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dịch vụ in của máy tính không phản hồi sau {seconds} giây. Lệnh in có thể chưa được gửi: xem máy in đã in chưa trước khi in lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không in được trên máy in &quot;{printer}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không lưu được tệp PDF của phiếu ({path}): ổ đĩa đầy hoặc không có quyền ghi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ này không có mẫu phiếu {form}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ngày bắt đầu phải trước ngày kết thúc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá nhiều hồ sơ cho một tệp Excel: hãy chọn khoảng ngày ngắn hơn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa cấu hình thông tin xã: chưa in được phiếu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu phiếu này không in được theo cách in đã chọn. Hãy chọn cách in khác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mẫu {form}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phiếu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (hồ sơ {code})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã gửi lệnh in {what} tới máy in &quot;{printer}&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, mã lệnh in: {job}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không in được: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — bấm để sắp xếp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Sổ&lt;/b&gt; · &lt;i&gt;hồ sơ&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu bị hỏng: chỉ xem, không ghi được</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng ký máy với máy chủ tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ tỉnh:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã đăng ký một lần:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số quầy của máy này:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã do Sở/Văn phòng UBND tỉnh cấp; dùng được một lần. Mỗi máy của xã một số quầy khác nhau (1-9): tỉnh từ chối số đã có máy khác dùng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng ký</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ ngay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xem các thay đổi bị tỉnh từ chối: hồ sơ nào, ai làm, lúc nào, vì sao</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng ký với tỉnh…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh: máy chưa đăng ký</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pending} chờ gửi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{files} tệp số hóa chờ gửi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh: đã gửi hết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gửi được lúc {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đồng bộ với máy chủ tỉnh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thay đổi chờ gửi: {pending}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp số hóa chờ gửi: {files}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lần cuối thành công: {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lỗi {last_error_at:%H:%M}: {error_words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lỗi lúc {when}: {error_words}. Máy sẽ tự thử lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{held} thay đổi bị tỉnh từ chối hoặc trùng mã với nội dung khác: vẫn giữ trên máy, không gửi lại, không làm chậm các thay đổi khác; bấm «bị từ chối» để xem và báo cho quản trị.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{held} bị từ chối…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng ký lại…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · đang đồng bộ…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang đăng ký với tỉnh…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa đăng ký được với tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đăng ký chưa được: {error_words}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không kết nối được máy chủ tỉnh (mất mạng?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh không trả lời kịp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh đang lỗi hoặc bảo trì</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhận được trả lời lạ (mạng bị chặn hoặc cần đăng nhập mạng?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh không nhận mã của máy này: cần đăng ký lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã đăng ký của máy đã bị thu hồi: dữ liệu chưa gửi vẫn giữ trên máy; quản trị xin tỉnh mã mới rồi bấm «Đăng ký lại…»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ không nhận mã của máy này (sai địa chỉ máy chủ tỉnh?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ từ chối: việc này chỉ quản trị của tỉnh được làm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã truy cập đã hết hạn: cần đăng ký lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa đăng ký được vì một lỗi của chương trình (đã ghi nhật ký); thử lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ máy chủ tỉnh không đúng dạng: chép lại đúng địa chỉ tỉnh cấp, đủ cả phần đầu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phiên bản phần mềm quá cũ so với máy chủ tỉnh: cần cập nhật</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gói dữ liệu quá lớn so với giới hạn của tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chưa đăng ký với tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã đăng ký với tỉnh được khoá bằng khoá của máy cũ, không mở được trên máy này: quản trị xin tỉnh mã mới rồi bấm «Đăng ký lại…»</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã đăng ký sai, đã dùng hoặc đã hết hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã đăng ký này cấp cho xã khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số quầy của máy này đã thuộc một máy khác của xã: quản trị chọn số quầy khác (hai máy cùng số sẽ cấp trùng mã hồ sơ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chưa có số quầy: nhập số quầy (1-9) rồi đăng ký</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh đã có một máy đang hoạt động đăng ký với mã cài đặt này: nếu đúng là máy này, báo tỉnh thu hồi mã cũ của máy rồi đăng ký lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu của máy đang bận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ổ đĩa đầy: chưa ghi được kết quả đồng bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lỗi cơ sở dữ liệu của máy: xem nhật ký</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh không nhận dữ liệu gửi lên (sai dạng): báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh không đọc được gói dữ liệu gửi lên: báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gói dữ liệu bị hỏng trên đường truyền: máy sẽ tự gửi lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh không có dữ liệu được hỏi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh không có xã này trong danh sách</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh từ chối danh mục thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh từ chối trạng thái hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh tạm ngừng phục vụ (đang khởi động lại?): máy sẽ tự gửi lại sau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Một thay đổi có dữ liệu lồng nhau quá sâu: tỉnh không nhận, máy giữ lại thay đổi đó và gửi tiếp các thay đổi khác</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đường truyền bị ngắt khi đang gửi: máy sẽ tự gửi lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu gửi lên quá lớn so với giới hạn của tỉnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Danh mục thủ tục có hai thủ tục trùng mã</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ đã kết thúc: không đổi trạng thái được nữa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trạng thái hiện tại của hồ sơ không cho phép bước chuyển này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu không thuộc xã của máy này: tỉnh không nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ hoặc phiếu này đã do máy khác gửi lên tỉnh: báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh chưa có hồ sơ này (phần tiếp nhận chưa gửi được): báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh đã có hồ sơ hoặc phiếu này: báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh không nhận loại dữ liệu này (phần mềm cần cập nhật?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu gửi lên sai loại: báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dữ liệu gửi lên không khớp với hồ sơ của nó: báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số thứ tự dữ liệu của máy không hợp lệ: báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số thứ tự dữ liệu lùi so với lần gửi trước: báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã hồ sơ đã dùng cho một hồ sơ khác của xã: báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trạng thái hồ sơ lạ: tỉnh không nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh chưa nhận thông tin của tài liệu số hóa này: máy sẽ gửi tệp sau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp số hóa đang gửi dở không khớp với tỉnh: máy sẽ gửi tiếp từ chỗ tỉnh có</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Một phần tệp số hóa bị hỏng trên đường truyền: máy sẽ tự gửi lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp số hóa đến tỉnh không trọn vẹn: máy sẽ gửi lại từ đầu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp số hóa gửi lên dài hơn khai báo: báo cho quản trị</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỉnh không đọc được phần tệp số hóa gửi lên: máy sẽ tự gửi lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ hoặc mạng đòi đăng nhập (mạng cơ quan cần đăng nhập?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ hoặc mạng từ chối truy cập (tường lửa cơ quan?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không thấy dịch vụ đồng bộ ở địa chỉ máy chủ đã nhập: kiểm tra lại địa chỉ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mạng cơ quan đòi đăng nhập máy chủ trung gian (proxy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh không nhận yêu cầu của máy này: báo cho quản trị (xem nhật ký)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa đồng bộ được: chi tiết đã ghi vào nhật ký</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chưa có</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} phút</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{round} giờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chậm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nhanh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giờ máy {way} {size} so với tỉnh: hãy chỉnh lại đồng hồ máy tính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dùng địa chỉ mới (Alt+M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giữ như trên thẻ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ trên thẻ theo đơn vị hành chính cũ. Theo đơn vị mới: &lt;b&gt;{new}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đơn vị hành chính</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn tỉnh và xã (phường, đặc khu) theo danh mục từ 01/7/2025; gõ để lọc, không cần dấu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gõ tên tỉnh, ví dụ: dong nai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gõ tên xã, phường, ví dụ: phu dong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tỉnh, thành phố:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Xã, phường, đặc khu:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mã định danh của UBND xã:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo Quyết định 20/2020/QĐ-TTg: bốn nhóm cách nhau bởi dấu chấm, ví dụ 000.00.12.H26. Mã này đứng đầu mọi mã hồ sơ; đổi về sau không làm đổi mã hồ sơ đã cấp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bộ phận một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên, điện thoại, địa chỉ in trên giấy hẹn, và giờ làm việc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tên bộ phận:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Điện thoại &amp;liên hệ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đị&amp;a chỉ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buổi &amp;sáng:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buổi &amp;chiều:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Để trống cả hai ô của một buổi nếu không làm buổi đó. Ngày nghỉ, ngày làm bù của xã: Quản trị → Lịch làm việc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in cho từng mẫu; đổi được về sau trong hộp thoại in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Hỏi khi in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (không thấy trên máy này)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm thấy {n} máy in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa thấy máy in nào: chọn sau khi lắp máy in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy chủ tỉnh (không bắt buộc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nếu tỉnh đã cấp địa chỉ máy chủ và mã đăng ký, nhập ở đây; máy sẽ đăng ký khi quản trị đăng nhập lần đầu. Để trống nếu chưa có.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ &amp;máy chủ tỉnh:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mã đăng ký &amp;một lần:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thiết lập đơn vị - Một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thông tin đơn vị - Một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt; &amp;Quay lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tiếp &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hoàn tất</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không lấy được danh sách máy in; chọn sau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sao lưu hằng ngày chưa được</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Việc trong ngày (Ctrl+H)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Báo cáo tổng hợp…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo bộ phận xem được báo cáo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;li&gt;… và {n} hồ sơ khác&lt;/li&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ quá hạn chưa có văn bản xin lỗi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có &lt;b&gt;{n}&lt;/b&gt; hồ sơ đã quá hạn giải quyết mà chưa có văn bản xin lỗi, hẹn lại ngày trả (mẫu 04):&lt;ul&gt;{names}&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lập mẫu 04 cho hồ sơ đầu tiên (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Để sau</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ lãnh đạo bộ phận lập được văn bản xin lỗi, hẹn lại ngày trả (mẫu 04). Hãy báo lãnh đạo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không có số liệu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cán bộ tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kênh tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tháng này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tháng trước</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quý này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Năm nay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Năm trước</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Báo cáo kết quả giải quyết hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xuất Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xuất PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kỳ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ tháng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đến tháng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xem theo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỷ lệ đúng hạn theo tháng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỷ lệ hài lòng theo cán bộ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ trễ hạn theo thủ tục</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Biểu đồ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nhóm chỉ số QĐ 766</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Điểm tối đa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tỷ lệ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Điểm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công thức, nguồn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chỉ số QĐ 766</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiêu chí trên phiếu đánh giá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lượt trả lời</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hài lòng theo tiêu chí</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thời gian chờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang đọc số liệu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kỳ {a} - {b}. {basis} Đã nhận {n} hồ sơ; đã trả {s}; đúng hạn {rate}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bộ chỉ số của tỉnh không dùng được ({why}): dùng bộ mặc định.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(chưa đối chiếu với phụ lục)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu báo cáo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lưu báo cáo vào {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá hạn chưa có mẫu 04 ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hẹn trả hôm nay ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sắp đến hạn ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá hạn ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chờ bổ sung ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có kết quả, chờ trả ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang xử lý</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hạn theo quy định</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mẫu 04</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã lập</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cập nhật (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} lượt đánh giá, {p} hài lòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chưa có lượt đánh giá nào</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Hôm nay {day}&lt;/b&gt;: {ret} hồ sơ hẹn trả, {soon} sắp đến hạn (trong {days} ngày làm việc), &lt;b&gt;{over} quá hạn&lt;/b&gt; ({letter} chưa có văn bản xin lỗi mẫu 04), {wait} chờ bổ sung, {ready} có kết quả chờ trả; {rated}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp này không phải ảnh JPEG, PNG hay tệp PDF (kiểm tra theo nội dung, không theo tên tệp): không đính kèm được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp bị hỏng hoặc chưa ghi xong (không đọc hết được): hãy quét hoặc chọn lại tệp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trang {page} bị hỏng, không đưa vào bản PDF được: hãy xoá trang đó rồi quét hoặc chọn lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp PDF có đặt mật khẩu: hãy mở khoá (hoặc in ra PDF khác) rồi đính kèm lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp quá lớn (tối đa {limit} MB một tệp): hãy quét ở độ phân giải thấp hơn hoặc chế độ xám.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ảnh quá lớn (tối đa {mp} triệu điểm ảnh một trang): hãy quét ở độ phân giải thấp hơn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thành phần có {pages} trang, vượt quá {max} trang cho phép.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp của thành phần nặng {mb} MB, vượt quá {limit} MB: hãy quét ở chế độ xám hoặc đen trắng, 200 dpi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hồ sơ sẽ có {pages} trang số hóa, vượt quá {max} trang cho phép một hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Các tệp số hóa của hồ sơ sẽ nặng {mb} MB, vượt quá {limit} MB cho phép một hồ sơ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không lưu được tệp số hóa vào thư mục {folder} (ổ đĩa đầy hoặc không có quyền ghi): hồ sơ chưa thay đổi. Hãy báo cán bộ tin học.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không thấy tệp số hóa {path} trong thư mục dữ liệu: hãy khôi phục từ bản sao lưu hoặc quét lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tệp số hóa {path} đã bị thay đổi hoặc hỏng: hãy khôi phục từ bản sao lưu hoặc quét lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không tìm thấy giấy tờ đã số hóa này.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tờ này thuộc hồ sơ của người khác (khác số CCCD): không tái sử dụng được.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tờ đã số hóa này hết hiệu lực (đến {until}): hãy quét bản mới.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy này chưa cài chương trình quét (SANE, scanimage): hãy dùng phần mềm của máy quét lưu vào thư mục theo dõi, hoặc chọn tệp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy quét không trả lời sau {seconds} giây: kiểm tra máy quét đã bật, đã cắm cáp, có giấy, rồi quét lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy quét báo lỗi (kẹt giấy, đang bận, hoặc không tìm thấy máy quét): kiểm tra máy quét rồi quét lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xám</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đen trắng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Màu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>không đọc được tệp ({why}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số hóa giấy tờ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Các trang&lt;/b&gt; (Ctrl+R: xoay, Delete: xoá, Ctrl+↑/↓ hoặc kéo thả: đổi thứ tự)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lưu (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thêm trang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>máy quét mặc định</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm máy quét</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cả khay giấy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quét (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy quét:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Độ phân giải:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chế độ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số tờ:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn tệp… (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hoặc kéo thả tệp PDF, JPEG, PNG vào đây.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thư mục theo dõi…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(chưa chọn: nơi phần mềm của máy quét lưu ảnh)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} trang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã thêm {n} trang ({what}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không nhận «{name}»: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang quét…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>máy quét</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang tìm máy quét…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tìm thấy {n} máy quét.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không tìm thấy máy quét nào: kiểm tra máy quét đã bật và đã cắm cáp, hoặc dùng thư mục theo dõi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chọn tệp PDF, JPEG, PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tệp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thư mục phần mềm máy quét lưu ảnh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không theo dõi thư mục {folder}: nó thuộc thư mục dữ liệu của chương trình. Hãy chọn một thư mục riêng cho máy quét.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang theo dõi {folder}: ảnh mới lưu vào đó được thêm vào đây.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thư mục theo dõi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang lấy thêm trang (máy quét hoặc tệp): chờ xong rồi lưu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa có trang nào để lưu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa lưu: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa lưu: {why} Các trang vẫn còn đây.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bỏ {n} trang chưa lưu của thành phần này?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giấy tờ đã số hóa của công dân này (dùng lại, không cần quét)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dùng lại giấy tờ đã chọn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} — {pages} trang, hồ sơ {code} ({day})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(không tên)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dùng lại</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chưa số hóa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đã số hóa, {pages} trang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số hóa… (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số hóa:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kết quả giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>· có {n} giấy tờ số hóa từ hồ sơ trước dùng lại được</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công dân này có giấy tờ đã số hóa còn hiệu lực: chọn thành phần, bấm «Số hóa…» rồi «Dùng lại giấy tờ đã chọn».</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (xoay {degrees}°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trang {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R: xoay, Delete: xoá, Ctrl+↑/↓ hoặc kéo thả: đổi thứ tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số CCCD phải gồm 12 chữ số: hãy quét lại thẻ, hoặc lấy số không cần thẻ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vé đang ở quầy này: hãy chọn một quầy khác để chuyển.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ máy giữ hàng đợi phải có dạng 192.168.1.10:8766 (địa chỉ của máy trong mạng cơ quan, dấu hai chấm, cổng).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khóa hàng đợi gồm 8 nhóm 4 chữ và số, xem trên máy giữ hàng đợi (Hàng đợi → Nối hàng đợi giữa các quầy…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hãy chọn một trong ba cách: máy này giữ hàng đợi, dùng hàng đợi của máy khác, hoặc không dùng số thứ tự.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cổng phải là một số từ {min} đến {max} (thường dùng 8766).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quầy {counter} chưa gọi số nào: hãy bấm «Gọi số tiếp» (F2) trước.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không gửi được số thứ tự tới máy in vé «{printer}»: kiểm tra máy in đã bật, còn giấy và đã nối cáp hoặc mạng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ máy in vé «{printer}» không đúng dạng (ví dụ tcp:192.168.1.50, usb:0x0416:0x5011, serial:COM3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không nối được tới máy giữ hàng đợi ({url}): máy đó đã bật và mở chương trình chưa, cùng mạng cơ quan chưa, tường lửa đã mở cổng chưa? Vẫn tiếp nhận hồ sơ bình thường, chỉ chưa gọi được số.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy giữ hàng đợi không nhận khóa của quầy này (khóa đã đổi, hoặc máy đó không còn giữ hàng đợi): người quản trị nhập lại khóa.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ {url} không phải máy giữ hàng đợi của cơ quan: kiểm tra lại địa chỉ và cổng.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy giữ hàng đợi không hiểu yêu cầu của quầy này: cập nhật chương trình ở hai máy cho cùng phiên bản.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy giữ hàng đợi không có chức năng này: cập nhật chương trình ở hai máy cho cùng phiên bản.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy giữ hàng đợi gặp lỗi khi gọi số (xem nhật ký trên máy đó).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cổng {port} đã có chương trình khác dùng: máy này chưa phục vụ hàng đợi cho các quầy khác; người quản trị chọn cổng khác.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy tính thiếu trình điều khiển cho máy in vé «{printer}»: hãy in qua máy in của hệ thống.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy này giữ hàng đợi nhưng các quầy khác chưa gọi được số: cổng mạng đang bị chương trình khác dùng (người quản trị chọn cổng khác).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Giọng đọc tiếng Việt: espeak-ng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy không có giọng đọc tiếng Việt: cài espeak-ng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>espeak-ng trên máy thiếu giọng tiếng Việt: cài lại espeak-ng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{h} giờ {m} phút</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} phút {s} giây</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{s} giây</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lĩnh vực / giờ lấy số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số vé đã phục vụ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chờ trung bình</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>9/10 công dân chờ không quá</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ lúc công dân lấy số đến lần gọi đầu tiên; mỗi vé tính một lần.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kỳ này quầy chưa phục vụ vé xếp hàng nào.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo lĩnh vực</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theo giờ lấy số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gọi số tiếp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gọi lại số đang phục vụ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Công dân vắng mặt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển sang quầy khác…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xong, không gọi tiếp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hàng đợi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mở máy lấy số (kiosk) trên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mở màn hình gọi số (sảnh) trên</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cửa sổ trên màn hình này</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>màn hình {n} ({name}), toàn màn hình</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in vé số thứ tự…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nối hàng đợi giữa các quầy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mời số {label} — Quầy {counter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang gọi số thứ tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy này chưa có số quầy: người quản trị đặt số quầy trước khi gọi số.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không còn ai chờ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển quầy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chuyển công dân đang phục vụ sang quầy số:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số {label}: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đã chuyển quầy {counter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>đã xong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vắng mặt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Màn hình gọi số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MỜI CÔNG DÂN CÓ SỐ THỨ TỰ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} → Quầy {counter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quầy {counter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang chờ: {count} người</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lấy số thứ tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LẤY SỐ THỨ TỰ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin mời chạm vào lĩnh vực Ông/Bà cần giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Có thẻ CCCD gắn chip? Đưa mã QR trên thẻ vào máy quét.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số của bạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang chờ: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không đọc được mã vừa quét: xin quét lại.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã đọc thẻ CCCD số …{tail}. Xin mời chạm vào lĩnh vực cần giải quyết.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lĩnh vực: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Số người đang chờ trước bạn: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang in số thứ tự…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Xin mời nhận vé số thứ tự và ngồi chờ gọi số.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in vé đang gặp sự cố. Xin Ông/Bà ghi nhớ số trên màn hình và báo cán bộ tại quầy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gọi số (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gọi số tiếp (F2) · Shift+F2 gọi lại · F4 vắng mặt · F6 chuyển quầy · F7 xong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang phục vụ: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chưa gọi số</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chờ: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy in vé số thứ tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tên máy in của hệ thống (để trống: máy in mặc định), hoặc máy in nhiệt nối thẳng:
escpos:tcp:192.168.1.50 (mạng) · escpos:usb:0x0416:0x5011 (USB) · escpos:serial:COM3 (cổng COM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nối hàng đợi giữa các quầy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy này giữ hàng đợi (máy lấy số đặt ở đây)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dùng hàng đợi của máy giữ hàng đợi trong cơ quan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không dùng số thứ tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thử kết nối</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tạo khóa mới (các quầy phải nhập lại)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ của máy này:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cổng:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Khóa hàng đợi:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Địa chỉ máy giữ hàng đợi:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(máy chưa nối mạng)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(lưu để tạo khóa)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Máy này đang phục vụ hàng đợi ở cổng {port}: mở cổng này trên tường lửa của máy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang thử…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nối được với máy giữ hàng đợi: đang có {count} người chờ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <source>Đã tiếp nhận</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Từ chối giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã có kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rút hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dừng giải quyết</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sắp đến hạn (trong một ngày làm việc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trực tiếp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính công ích</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tại Bộ phận một cửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qua dịch vụ bưu chính (gửi về địa chỉ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>người nộp hồ sơ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>người nhận thay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sớm hơn hẹn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đúng hẹn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trễ hẹn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phiếu số {seq} đã bị sửa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thiếu phiếu trước phiếu số {seq} (bị xóa?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phiếu số {seq} bị chèn thêm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phiếu số {seq} sai thứ tự</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chuỗi bị đứt tại phiếu số {seq}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>có phiếu hỏng dữ liệu</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
