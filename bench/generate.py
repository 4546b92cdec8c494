#!/usr/bin/env python3
"""Writes a benchmark site of N Vietnamese bulletin articles (deterministic for a given seed).

usage: generate.py N OUT_DIR [--seed S]

OUT_DIR gets site.yaml, content/communes.yaml and content/communes/ (the repository's gazetteer) and
content/YYYY/MM/bai-NNNNN.md; templates are not copied (the benchmark uses the repository's).
Dates are ISO 8601 with +07:00, so Hugo reads the same corpus.
"""
import argparse
import os
import random
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SUBJECTS = ["Công an tỉnh", "Công an huyện", "UBND xã", "Đoàn công tác", "Lực lượng Cảnh sát giao thông",
            "Phòng Cảnh sát hình sự", "Hội Phụ nữ", "Đoàn Thanh niên", "Ban Chỉ huy quân sự", "Trạm Y tế"]
ACTIONS = ["triển khai đợt cao điểm tấn công, trấn áp tội phạm", "tổ chức hội nghị sơ kết phong trào Toàn dân bảo vệ an ninh Tổ quốc",
           "ra quân bảo đảm trật tự an toàn giao thông", "giúp dân khắc phục hậu quả mưa lũ", "diễn tập phương án chữa cháy và cứu nạn, cứu hộ",
           "cấp căn cước lưu động cho người dân", "tuyên truyền phòng, chống ma túy trong trường học", "triệt phá đường dây đánh bạc",
           "vận động người dân giao nộp vũ khí, vật liệu nổ", "ra mắt mô hình tổ tự quản về an ninh, trật tự"]
SENTENCES = [
    "Ngay từ đầu năm, đơn vị đã xây dựng kế hoạch cụ thể, phân công cán bộ phụ trách từng thôn, bản.",
    "Qua tuần tra, kiểm soát, lực lượng chức năng đã phát hiện và xử lý nhiều trường hợp vi phạm.",
    "Người dân tích cực phối hợp, cung cấp thông tin giúp lực lượng Công an nắm chắc tình hình địa bàn.",
    "Các tổ công tác thường xuyên bám cơ sở, kịp thời giải quyết những vụ việc phát sinh ngay từ thôn, xóm.",
    "Đến nay, tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn định.",
    "Mưa lớn kéo dài khiến nhiều tuyến đường liên thôn bị sạt lở, giao thông bị chia cắt cục bộ.",
    "Cán bộ, chiến sĩ đã giúp các hộ dân di dời tài sản, gia súc đến nơi an toàn.",
    "Đơn vị đề nghị cấp ủy, chính quyền tiếp tục quan tâm đầu tư trang thiết bị cho lực lượng cơ sở.",
    "Hội nghị cũng biểu dương các tập thể, cá nhân có thành tích xuất sắc trong phong trào.",
    "Thời gian tới, đơn vị tiếp tục đẩy mạnh công tác tuyên truyền, vận động nhân dân chấp hành pháp luật.",
]
QUOTES = ["Không để địa bàn nào trở thành vùng lõm về an ninh, trật tự.",
          "Mỗi người dân là một chiến sĩ trong phong trào bảo vệ an ninh Tổ quốc.",
          "Phải xử lý dứt điểm vụ việc ngay từ cơ sở, không để kéo dài."]
AUTHORS = ["Minh Anh", "Hoàng Long", "Thu Hà", "Văn Thắng", "Ngọc Lan", "Quang Huy", "Thanh Tâm"]
TAGS = ["an ninh", "giao thông", "phòng cháy", "ma túy", "thiên tai", "căn cước", "hội nghị", "dân vận"]


def load_gazetteer(path):
    districts = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"  - name: (.+)$", line)
        if m:
            districts.append((m.group(1).strip(), []))
            continue
        m = re.match(r"\s+- \{ name: ([^,]+), kind: ([^,]+), code: \"(\d+)\" \}", line)
        if m and districts:
            districts[-1][1].append((m.group(1).strip(), m.group(2).strip(), m.group(3)))
    return districts


def slugify(n):
    return f"bai-{n:05d}"


def paragraph(rng, words):
    out = []
    while sum(len(s.split()) for s in out) < words:
        out.append(rng.choice(SENTENCES))
    return " ".join(out)


def article(rng, n, districts):
    district, communes = rng.choice(districts)
    chosen = rng.sample(communes, k=min(len(communes), rng.randint(1, 3)))
    kind = chosen[0][1]
    names = ", ".join(c[0] for c in chosen)
    year = 2015 + n % 10
    month = 1 + (n // 10) % 12
    day = 1 + (n // 120) % 28
    hour, minute = rng.randint(5, 22), rng.randint(0, 59)
    title = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)} tại {kind} {chosen[0][0]} (số {n})"
    lines = ["---", f'title: "{title}"', f'date: "{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00+07:00"',
             f"authors: [{', '.join(rng.sample(AUTHORS, 2))}]",
             "communes: [" + ", ".join(f'"{c[2]}"' for c in chosen) + "]",
             f"tags: [{', '.join(rng.sample(TAGS, 2))}]", "---", ""]
    target = rng.randint(600, 1200)
    body = [f"Sáng nay, tại {kind} {names} (huyện {district}), {paragraph(rng, 40)}"]
    words = 50
    section = 0
    while words < target:
        section += 1
        body.append(f"## Nội dung {section}")
        body.append(paragraph(rng, 80))
        if section % 2 == 1:
            body.append("\n".join(f"- {rng.choice(SENTENCES)}" for _ in range(4)))
        else:
            body.append("\n".join(f"{i}. {rng.choice(SENTENCES)}" for i in range(1, 4)))
        body.append(f"> \"{rng.choice(QUOTES)}\"")
        body.append(f"Xem thêm [trang Công an tỉnh](https://congan.tuyenquang.gov.vn/) và ![Ảnh minh họa](https://congan.tuyenquang.gov.vn/anh/{n}.jpg).")
        words += 80 + 4 * 15 + 3 * 15 + 20
    path = f"content/{year}/{month:02d}/{slugify(n)}.md"
    return path, "\n".join(lines) + "\n\n".join(body) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    # Articles name the communes of the 2023 map (they are dated 2015-2024); the site gets every map.
    districts = load_gazetteer(os.path.join(ROOT, "content", "communes", "tuyen-quang-2023.yaml"))
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(os.path.join(args.out, "content"))
    shutil.copy(os.path.join(ROOT, "content", "communes.yaml"), os.path.join(args.out, "content", "communes.yaml"))
    shutil.copytree(os.path.join(ROOT, "content", "communes"), os.path.join(args.out, "content", "communes"))
    with open(os.path.join(args.out, "site.yaml"), "w", encoding="utf-8") as f:
        f.write('title: "Bản tin thử tải"\nbaseURL: "https://example.gov.vn/bantin/"\npaginate: 20\n')
    for n in range(args.count):
        path, text = article(rng, n, districts)
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
