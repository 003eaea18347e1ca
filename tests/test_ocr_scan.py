"""The pure decisions around OCR: file kinds, orientation reports, skew, TSV text, languages."""

from __future__ import annotations

from helperdesk.intake import scan


def test_page_kind_by_suffix() -> None:
    assert scan.page_kind("Brief.JPG") == "image"
    assert scan.page_kind("a/b/scan.heic") == "image"
    assert scan.page_kind("seite.tiff") == "image"
    assert scan.page_kind("Bescheid.pdf") == "pdf"
    assert scan.page_kind("box.mbox") == "mbox"
    assert scan.page_kind("mail.eml") == "mail"
    assert scan.page_kind("notes.docx") == ""
    assert scan.page_kind("README") == ""


def test_parse_osd_trusts_only_confident_reports() -> None:
    report = ("Page number: 0\nOrientation in degrees: 180\nRotate: 180\n"
              "Orientation confidence: 12.96\nScript: Latin\nScript confidence: 0.82\n")
    assert scan.parse_osd(report) == 180
    assert scan.parse_osd(report.replace("12.96", "0.25")) == 0
    assert scan.parse_osd(report.replace("Rotate: 180", "Rotate: 90")) == 90
    assert scan.parse_osd("Too few characters. Skipping this page") == 0


def test_choose_skew_picks_the_sharpest_profile_and_keeps_level_pages() -> None:
    lines = [255.0] * 5 + [0.0] * 3 + [255.0] * 5 + [0.0] * 3
    smeared = [128.0 + (i % 3) for i in range(16)]
    assert scan.choose_skew({0.0: smeared, 2.5: lines, -1.0: smeared}) == 2.5
    assert scan.choose_skew({0.0: lines, 2.5: lines}) == 0.0
    # A page without lines (a photo) stays as it is.
    assert scan.choose_skew({0.0: smeared, 1.0: [x + 0.01 for x in smeared]}) == 0.0
    assert scan.choose_skew({}) == 0.0
    assert 0.0 in scan.skew_candidates(5.0, 0.5)
    assert len(scan.skew_candidates(5.0, 0.5)) == 21


def test_sideways_pages() -> None:
    assert scan.sideways(10.0, 30.0)
    assert not scan.sideways(30.0, 10.0)


def test_read_tsv_rebuilds_lines_and_paragraphs_by_the_gaps_between_lines() -> None:
    head = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth"
            "\theight\tconf\ttext")
    rows = [
        # line 1 at y 100-140, line 2 right below it (gap 10), line 3 after a gap of 60
        "4\t1\t1\t1\t1\t0\t0\t100\t500\t40\t-1\t",
        "5\t1\t1\t1\t1\t1\t0\t100\t1\t40\t96.5\tBG-Nummer:",
        "5\t1\t1\t1\t1\t2\t0\t100\t1\t40\t90\t43901BG0120045",
        "4\t1\t2\t1\t1\t0\t0\t150\t500\t40\t-1\t",
        "5\t1\t2\t1\t1\t1\t0\t150\t1\t40\t80\tDatum",
        "4\t1\t2\t2\t1\t0\t0\t250\t500\t40\t-1\t",
        "5\t1\t2\t2\t1\t1\t0\t250\t1\t40\t-1\t ",
        "5\t1\t2\t2\t1\t2\t0\t250\t1\t40\t70\tFrist",
    ]
    text, confidence, words = scan.read_tsv("\n".join([head, *rows]))
    # A new Tesseract block right below is no paragraph; the wide gap is.
    assert text == "BG-Nummer: 43901BG0120045\nDatum\n\nFrist"
    assert words == 4
    assert round(confidence, 2) == round((96.5 + 90 + 80 + 70) / 4, 2)
    assert scan.read_tsv(head) == ("", 0.0, 0)


def test_repair_ocr_fixes_only_narrow_confusions() -> None:
    assert scan.repair_ocr("Geschäftszeichen: KVR-Il/21-4711") == \
        "Geschäftszeichen: KVR-II/21-4711"
    assert scan.repair_ocr("Aktenzeichen: KVR-I1-2026/18873") == "Aktenzeichen: KVR-II-2026/18873"
    assert scan.repair_ocr("(8 111 Abs. 1 SGG)") == "(§ 111 Abs. 1 SGG)"
    assert scan.repair_ocr("nach & 18b AufenthG") == "nach § 18b AufenthG"
    assert scan.repair_ocr("($ 66 SGB |).") == "(§ 66 SGB I)."
    assert scan.repair_ocr("(88 60, 66 SGB I)") == "(§§ 60, 66 SGB I)"
    assert scan.repair_ocr("($§ 48 Abs. 1 SGB X)") == "(§ 48 Abs. 1 SGB X)"
    assert scan.repair_ocr("Zimmer 88 12, 14") == "Zimmer 88 12, 14"
    assert scan.repair_ocr("BG-Nummer: 73201B5G0188812") == "BG-Nummer: 73201BG0188812"
    assert scan.repair_ocr("BG-Nummer 43101B6G0233561.") == "BG-Nummer 43101BG0233561."
    assert scan.repair_ocr("BG 437018G0233561") == "BG 43701BG0233561"
    assert scan.repair_ocr("BG-Nummer: 74101B5BG0033902") == "BG-Nummer: 74101BG0033902"
    assert scan.repair_ocr("BG-Nummer: 732015G0188812") == "BG-Nummer: 73201BG0188812"
    assert scan.repair_ocr("1234567B5G0188812") == "1234567B5G0188812"  # not 5 digits
    for unchanged in ("Es kostet 88 12, 50 Euro", "BG-Nummer: 43901BG0120045", "56/3-WG-19920",
                      "KVR-11-2026",
                      "zahlen Sie 8 100 Euro", "am 8 11 Uhr", "Kundennummer 123D456789"):
        assert scan.repair_ocr(unchanged) == unchanged


def test_letter_text_and_merge() -> None:
    assert scan.letter_text(["Seite 1\n", "", "Seite 2"]) == "Seite 1\n\nSeite 2"
    assert scan.merge_pages(["digital", ""], {1: "gelesen"}) == ["digital", "gelesen"]
    assert scan.empty_pages(["x" * 30, "  ", "kurz"]) == [1, 2]


def test_pages_hash_is_order_sensitive_and_stable() -> None:
    a, b = b"page one", b"page two"
    assert scan.pages_hash([a, b]) == scan.pages_hash([a, b])
    assert scan.pages_hash([a, b]) != scan.pages_hash([b, a])
    assert scan.pages_hash([a]) != scan.pages_hash([a, b])


def test_ocr_languages() -> None:
    installed = {"deu", "eng", "ara", "osd"}
    assert scan.ocr_languages("de", installed) == "deu"
    assert scan.ocr_languages("ar", installed) == "deu+ara"
    assert scan.ocr_languages("fa", installed) == "deu"  # not installed: left out
    assert scan.ocr_languages(None, installed) == "deu"
