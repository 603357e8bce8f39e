// Backup validation: a whole backup is checked before anything is written; every kind of garbage
// (hostile entry names, damaged manifest or log, wrong version, files that do not match) is rejected
// with a message naming the file and the place.
#include "storage/restore.h"

#include "core/log_codec.h"
#include "fixtures.h"
#include "storage/evidence.h"

#include <catch2/catch.hpp>

using namespace recert;
using namespace recert::storage;
using namespace recert::storage::test;

namespace {

struct Zip {
    core::Log log;
    std::vector<std::uint8_t> file = pdf();
    BackupInput input() const { return zip_backup_input(log, file); }
};

std::string error_of(const BackupInput& in) {
    auto r = validate_backup(in, default_evidence_max_bytes);
    REQUIRE_FALSE(r);
    return r.error().to_string();
}

} // namespace

TEST_CASE("zip entry names must be plain relative paths") {
    CHECK_FALSE(zip_entry_name_problem("log.json"));
    CHECK_FALSE(zip_entry_name_problem("evidence/abc.pdf"));
    CHECK(*zip_entry_name_problem("../x") == "the path leaves the backup folder");
    CHECK(*zip_entry_name_problem("evidence/../../x") == "the path leaves the backup folder");
    CHECK(*zip_entry_name_problem("/etc/passwd") == "the path is absolute");
    CHECK(*zip_entry_name_problem("C:x") == "the path is absolute");
    CHECK(*zip_entry_name_problem("evidence\\x.pdf") == "the name contains a backslash");
    CHECK(*zip_entry_name_problem("a//b") == "the path contains an empty part");
    CHECK(*zip_entry_name_problem("./log.json") == "the path contains \".\"");
    CHECK(*zip_entry_name_problem(std::string("log\0.json", 9)) == "the name contains control characters");
    CHECK(*zip_entry_name_problem("") == "an entry has no name");
    CHECK(*zip_entry_name_problem(std::string(300, 'a')) == "the name is longer than 255 bytes");
}

TEST_CASE("a well-formed backup zip validates with its log and files") {
    Zip z;
    z.log.activities.push_back(activity("a1", "Course"));
    auto r = validate_backup(z.input(), default_evidence_max_bytes);
    REQUIRE(r);
    CHECK(r.value().log == z.log);
    REQUIRE(r.value().files.size() == 1);
    CHECK(r.value().files[0].name == "card.pdf");
    CHECK(r.value().created == "2025-03-11");
}

TEST_CASE("hostile or unexpected entry names reject the whole backup") {
    Zip z;
    auto in = z.input();
    in.entries.push_back({"../x", 3, ""});
    CHECK(error_of(in) == "backup.zip: entry \"../x\": the path leaves the backup folder");
    in = z.input();
    in.entries.push_back({std::string("evil\x01name", 9), 3, ""});
    CHECK(error_of(in) == "backup.zip: entry \"evil\\x01name\": the name contains control characters");
    in = z.input();
    in.entries.push_back({"readme.txt", 3, ""});
    CHECK(error_of(in) == "backup.zip: entry \"readme.txt\": not part of a Recert backup");
    in = z.input();
    in.entries.push_back(in.entries[1]);
    CHECK(error_of(in) == "backup.zip: entry \"log.json\" appears twice");
    in = z.input();
    in.entries.push_back({"evidence/" + std::string(64, 'a') + ".pdf", 3, std::string(64, 'a')});
    CHECK_THAT(error_of(in), Catch::EndsWith(".pdf\": not listed in manifest.json"));
}

TEST_CASE("a damaged manifest or log is rejected with its JSON location") {
    Zip z;
    auto in = z.input();
    in.manifest_json = "{\"format\": \"recert-backup\", \"version\": 7}";
    CHECK(error_of(in) ==
          "backup.zip: manifest.json: /version: unsupported backup version 7 (this build reads 1)");
    in = z.input();
    in.manifest_json.resize(in.manifest_json.size() / 2); // truncated
    CHECK_THAT(error_of(in), Catch::StartsWith("backup.zip: manifest.json: invalid JSON at byte"));
    in = z.input();
    in.manifest_json = "{\"format\": \"something-else\"}";
    CHECK(error_of(in) == "backup.zip: manifest.json: /format: expected \"recert-backup\"");
    in = z.input();
    in.log_json = "{\"format\": \"recert-log\", \"version\": 4}";
    CHECK(error_of(in) == "backup.zip: log.json: /version: unsupported log version 4 (this build reads versions 1 to 3)");
    in = z.input();
    z.log.activities.push_back(activity("a1", "Course"));
    in.log_json = core::encode_log(z.log);
    in.log_json.replace(in.log_json.find("\"1.50\""), 6, "\"1.234\"");
    CHECK_THAT(error_of(in),
               Catch::StartsWith("backup.zip: log.json: /activities/0/amount: expected a decimal"));
    in = z.input();
    in.entries.erase(in.entries.begin());
    CHECK(error_of(in) == "backup.zip: manifest.json is missing (not a Recert backup, or a damaged one)");
    in = z.input();
    in.entries.erase(in.entries.begin() + 1);
    CHECK(error_of(in) == "backup.zip: log.json is missing (damaged backup)");
}

TEST_CASE("a backup nested deeper than 64 levels is refused, located, before any parse") {
    for (std::size_t depth : {std::size_t(7000), std::size_t(100000)}) {
        INFO(depth);
        std::string deep;
        for (std::size_t i = 0; i < depth; ++i)
            deep += "{\"s\":";
        deep += "1" + std::string(depth, '}');
        Zip z;
        auto in = z.input();
        in.log_json.replace(in.log_json.find("\"settings\": {}"), 14, "\"settings\": " + deep);
        in.entries[1].size = in.log_json.size();
        CHECK_THAT(error_of(in), Catch::StartsWith("backup.zip: log.json: /settings/s/s/s/s") &&
                                     Catch::Contains(": nested deeper than 64 levels (at byte"));
        in = z.input();
        in.manifest_json.replace(in.manifest_json.find("\"files\": ["), 10,
                                 "\"x\": " + deep + ", \"files\": [");
        in.entries[0].size = in.manifest_json.size();
        CHECK_THAT(error_of(in), Catch::StartsWith("backup.zip: manifest.json: /x/s/s/s") &&
                                     Catch::Contains("nested deeper than 64 levels"));
    }
}

TEST_CASE("evidence files that are missing, resized or altered reject the backup") {
    Zip z;
    auto in = z.input();
    in.entries.pop_back();
    CHECK_THAT(error_of(in), Catch::EndsWith(".pdf: listed in manifest.json but missing (damaged backup)"));
    in = z.input();
    in.entries.back().size += 1;
    CHECK_THAT(error_of(in), Catch::Contains("bytes, manifest.json says"));
    in = z.input();
    in.entries.back().sha256[0] = in.entries.back().sha256[0] == '0' ? '1' : '0';
    CHECK_THAT(error_of(in), Catch::EndsWith(": the file does not match its SHA-256 (damaged backup)"));
    in = z.input();
    auto r = validate_backup(in, 5);
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().to_string(), Catch::EndsWith("is over the 5 bytes limit for evidence files"));
}

TEST_CASE("manifest entries are checked field by field") {
    Zip z;
    auto in = z.input();
    const std::string sha = sha256_hex(z.file);
    auto with_file = [&](const std::string& file_json) {
        return "{\"format\":\"recert-backup\",\"version\":1,\"created\":\"2025-03-11\",\"log\":\"log.json\","
               "\"files\":[" +
               file_json + "]}";
    };
    in.manifest_json =
        with_file("{\"path\":\"../x\",\"sha256\":\"" + sha + "\",\"size\":3,\"mime\":\"application/pdf\"}");
    CHECK_THAT(error_of(in),
               Catch::Contains("manifest.json: /files/0/path: expected \"evidence/" + sha + ".pdf\""));
    in.manifest_json =
        with_file("{\"path\":\"x\",\"sha256\":\"XYZ\",\"size\":3,\"mime\":\"application/pdf\"}");
    CHECK(error_of(in) == "backup.zip: manifest.json: /files/0/sha256: expected 64 lowercase hex digits");
    in.manifest_json =
        with_file("{\"path\":\"x\",\"sha256\":\"" + sha + "\",\"size\":3,\"mime\":\"text/html\"}");
    CHECK_THAT(error_of(in), Catch::Contains("/files/0/mime: not an accepted evidence type"));
    in.manifest_json = with_file("{\"path\":\"evidence/" + sha + ".pdf\",\"sha256\":\"" + sha +
                                 "\",\"size\":-1,\"mime\":\"application/pdf\"}");
    CHECK_THAT(error_of(in), Catch::Contains("/files/0/size: expected a positive size in bytes"));
    in.manifest_json = with_file("{\"path\":\"evidence/" + sha + ".pdf\",\"sha256\":\"" + sha +
                                 "\",\"size\":3,\"mime\":\"application/pdf\",\"extra\":1}");
    CHECK_THAT(error_of(in), Catch::Contains("/files/0/extra: unknown field"));
}

TEST_CASE("the manifest round-trips and names files by hash, never by their original names") {
    BackupManifest m = make_manifest({{std::string(64, 'b'), "x.png", "image/png", 5},
                                      {std::string(64, 'a'), "../../evil.pdf", "application/pdf", 9}},
                                     day("2025-01-02"));
    REQUIRE(m.files.size() == 2);
    CHECK(m.files[0].path == "evidence/" + std::string(64, 'a') + ".pdf");
    auto back = decode_manifest(encode_manifest(m));
    REQUIRE(back);
    CHECK(back.value().files[0].name == "evil.pdf");
    CHECK(back.value().files[1].path == "evidence/" + std::string(64, 'b') + ".png");
    CHECK(back.value().created == "2025-01-02");
}

TEST_CASE("a json-only backup is the log document; garbage is located") {
    core::Log log;
    log.activities.push_back(activity("a1", "Course"));
    BackupInput in;
    in.file_name = "recert.json";
    in.log_json = core::encode_log(log);
    auto r = validate_backup(in, default_evidence_max_bytes);
    REQUIRE(r);
    CHECK(r.value().log == log);
    in.log_json = in.log_json.substr(0, in.log_json.size() - 40);
    CHECK_THAT(error_of(in), Catch::StartsWith("recert.json: invalid JSON at byte"));
    in.log_json = "";
    CHECK_THAT(error_of(in), Catch::StartsWith("recert.json: invalid JSON"));
    in.log_json = "[1,2,3]";
    CHECK(error_of(in) == "recert.json: expected an object, got an array");
}

TEST_CASE("a backup past the reader's limits is refused by validation too (the same numbers)") {
    Zip z;
    BackupInput in = z.input();
    SECTION("too many entries") {
        for (std::size_t i = in.entries.size(); i <= max_backup_entries; ++i)
            in.entries.push_back({"evidence/x" + std::to_string(i) + ".pdf", 1, ""});
        CHECK(error_of(in) == "backup.zip: the ZIP file has more than 10002 entries");
    }
    SECTION("more than 256 MB in all") {
        in.entries[2].size = max_backup_unpacked_bytes;
        CHECK(error_of(in) == "backup.zip: the backup unpacks to more than 256 MB");
    }
    SECTION("a log.json over 64 MB") {
        in.log_json.resize(max_backup_text_bytes + 1, ' ');
        in.entries[1].size = in.log_json.size();
        CHECK(error_of(in) == "backup.zip: log.json unpacks to more than 64 MB");
    }
}
