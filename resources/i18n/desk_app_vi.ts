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
        <source>Mở khoá</source>
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
        <source>Cán bộ</source>
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
        <source>Đóng</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Đã chép</source>
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
</context>
</TS>
