// Evidence files: accepted types by magic bytes (never by name), size limits with messages that
// name the file, safe display names, SHA-256 against the FIPS 180-4 test vectors.
#include "storage/evidence.h"
#include "core/sha256.h"

#include "fixtures.h"

#include <catch2/catch.hpp>

using namespace recert::storage;
using recert::storage::test::bytes;

TEST_CASE("each accepted evidence type is recognised by its magic bytes") {
    CHECK(sniff_evidence_type(bytes("%PDF-1.4 rest"))->mime == "application/pdf");
    CHECK(sniff_evidence_type(bytes(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)))->mime == "image/png");
    CHECK(sniff_evidence_type(bytes("\xFF\xD8\xFF\xE0\0\x10JFIF"))->mime == "image/jpeg");
    CHECK(sniff_evidence_type(bytes(std::string("RIFF\x24\0\0\0WEBPVP8 ", 16)))->mime == "image/webp");
    CHECK(sniff_evidence_type(bytes(std::string("\0\0\0\x18"
                                                "ftypheic\0\0\0\0",
                                                16)))
              ->mime == "image/heic");
    CHECK(sniff_evidence_type(bytes(std::string("\0\0\0\x18"
                                                "ftypheix",
                                                12)))
              ->ext == "heic");
    CHECK(sniff_evidence_type(bytes(std::string("\0\0\0\x18"
                                                "ftypmif1",
                                                12)))
              ->ext == "heic");
}

TEST_CASE("other files and truncated headers are not evidence, whatever their names say") {
    CHECK_FALSE(sniff_evidence_type(bytes("BM\x36\0\0\0")));                      // BMP
    CHECK_FALSE(sniff_evidence_type(bytes("GIF89a")));                            // GIF
    CHECK_FALSE(sniff_evidence_type(bytes("PK\x03\x04")));                        // ZIP / DOCX
    CHECK_FALSE(sniff_evidence_type(bytes(std::string("RIFF\0\0\0\0WAVE", 12)))); // WAV
    CHECK_FALSE(sniff_evidence_type(bytes(std::string("\0\0\0\x18"
                                                      "ftypmp42",
                                                      12)))); // MP4
    CHECK_FALSE(sniff_evidence_type(bytes("%PD")));
    CHECK_FALSE(sniff_evidence_type(bytes("RIFF\0\0\0\0WEB")));
    CHECK_FALSE(sniff_evidence_type({}));
    auto r = check_evidence("scan.pdf", 6, bytes("GIF89a"), default_evidence_max_bytes);
    REQUIRE_FALSE(r);
    CHECK(r.error().to_string() == "scan.pdf: not a PDF, PNG, JPEG, HEIC or WebP file");
}

TEST_CASE("files over the size limit or empty are rejected with a message naming the file") {
    auto big = check_evidence("big.pdf", 16'200'000, bytes("%PDF-1.7"), default_evidence_max_bytes);
    REQUIRE_FALSE(big);
    CHECK(big.error().to_string() == "big.pdf: 16.2 MB is over the 15 MB limit");
    auto limit = check_evidence("small.png", 2'000'001, bytes("\x89PNG\r\n\x1a\n"), 2'000'000);
    REQUIRE_FALSE(limit);
    CHECK(limit.error().message == "2 MB is over the 2 MB limit");
    auto exact = check_evidence("ok.pdf", 2'000'000, bytes("%PDF-1.7"), 2'000'000);
    REQUIRE(exact);
    CHECK(exact.value().mime == "application/pdf");
    auto empty = check_evidence("empty.pdf", 0, {}, 100);
    REQUIRE_FALSE(empty);
    CHECK(empty.error().to_string() == "empty.pdf: the file is empty");
}

TEST_CASE("original names are made safe: no path, no control characters, never empty") {
    CHECK(safe_file_name("CPR card.pdf") == "CPR card.pdf");
    CHECK(safe_file_name("../../etc/passwd") == "passwd");
    CHECK(safe_file_name("C:\\Users\\sam\\cert.pdf") == "cert.pdf");
    CHECK(safe_file_name("a\x01"
                         "b\nc.pdf") == "abc.pdf");
    CHECK(safe_file_name("..") == "evidence");
    CHECK(safe_file_name("") == "evidence");
    CHECK(safe_file_name(".hidden") == "hidden");
    CHECK(safe_file_name("what?<>.pdf") == "what.pdf");
    std::string long_name(200, 'x');
    CHECK(safe_file_name(long_name).size() == 120);
    std::string utf8;
    for (int i = 0; i < 70; ++i)
        utf8 += "\xC3\xA9"; // é × 70 = 140 bytes
    std::string cut = safe_file_name(utf8);
    CHECK(cut.size() == 120);
    CHECK((static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80); // ends on a whole é
}

TEST_CASE("sha256_hex matches the FIPS 180-4 test vectors") {
    CHECK(sha256_hex(bytes("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex(bytes("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex(bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    std::vector<std::uint8_t> million(1'000'000, 'a');
    CHECK(sha256_hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    CHECK(is_sha256_hex(sha256_hex(bytes("x"))));
    CHECK_FALSE(is_sha256_hex("ABC"));
}

TEST_CASE("SHA-256 given a piece at a time equals the one-shot digest, wherever the pieces break") {
    std::vector<std::uint8_t> data(1000);
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<std::uint8_t>(i * 31 + 7);
    for (std::size_t len : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 128u, 1000u})
        for (std::size_t piece : {1u, 7u, 64u, 100u, 999u}) {
            const std::span<const std::uint8_t> all(data.data(), len);
            recert::core::Sha256 h;
            for (std::size_t at = 0; at < len; at += piece)
                h.update(all.subspan(at, std::min(piece, len - at)));
            CHECK(h.finish_hex() == sha256_hex(all));
        }
    recert::core::Sha256 abc;
    abc.update(bytes("a"));
    abc.update(bytes("bc"));
    CHECK(abc.finish_hex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sizes read like a file manager's") {
    CHECK(human_size(12) == "12 bytes");
    CHECK(human_size(820'000) == "820 KB");
    CHECK(human_size(1'500'000) == "1.5 MB");
    CHECK(human_size(15'000'000) == "15 MB");
}
