// Small builders shared by the storage tests.
#pragma once

#include "core/log_codec.h"
#include "core/model.h"
#include "storage/evidence.h"
#include "storage/restore.h"

#include <string>
#include <vector>

namespace recert::storage::test {

inline core::Date day(const char* iso) {
    return *core::Date::parse(iso);
}

inline core::Activity activity(std::string id, std::string title, std::int64_t rev = 1) {
    core::Activity a;
    a.id = std::move(id);
    a.rev = rev;
    a.title = std::move(title);
    a.earned = day("2025-02-01");
    a.amount = *core::Credits::parse("1.5");
    return a;
}

inline core::Credential credential(std::string id, std::int64_t rev = 1) {
    core::Credential c;
    c.id = std::move(id);
    c.rev = rev;
    c.body = "acsm";
    c.program = "cpt";
    c.certified_on = day("2021-01-01");
    c.cycle = {day("2024-01-01"), day("2026-12-31")};
    return c;
}

inline std::vector<std::uint8_t> bytes(std::string_view s) {
    return {s.begin(), s.end()};
}

// A minimal PDF-looking file (the magic bytes are all the checks look at).
inline std::vector<std::uint8_t> pdf(std::string_view body = "certificate") {
    return bytes(std::string("%PDF-1.7\n") + std::string(body));
}

// What a ZIP reader hands validation for a backup of `log` with one evidence file, `file`
// ("card.pdf"): manifest.json, log.json and evidence/<sha256>.pdf with their sizes and hash.
inline BackupInput zip_backup_input(const core::Log& log, const std::vector<std::uint8_t>& file) {
    const std::string sha = sha256_hex(file);
    const BackupManifest m = make_manifest({{sha, "card.pdf", "application/pdf", file.size()}}, day("2025-03-11"));
    BackupInput in;
    in.file_name = "backup.zip";
    in.zip = true;
    in.log_json = core::encode_log(log);
    in.manifest_json = encode_manifest(m);
    in.entries = {{"manifest.json", in.manifest_json.size(), ""},
                  {"log.json", in.log_json.size(), ""},
                  {m.files[0].path, file.size(), sha}};
    return in;
}

} // namespace recert::storage::test
