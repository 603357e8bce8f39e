// Every file of the malformed corpus (fixtures/malformed/, written by generate.py) is rejected by
// the importer for its type, with a message and the location EXPECTED.tsv names; nothing is returned.
#include "core/csv_activities.h"
#include "core/openbadges.h"
#include "reports_support.h"

#include <filesystem>
#include <map>

using namespace recert::core;
using namespace recert::core::test;

namespace {

// The whole CSV import path as the app runs it: parse, detect the mapping, convert.
Error csv_error(const std::string& text, const std::string& name, const Log& log) {
    auto table = parse_csv(text, name);
    if (!table) return table.error();
    auto rows = import_activities_csv(table.value(), detect_mapping(table.value()), log, {d("2025-03-11"), "m"}, name);
    if (rows) FAIL(name << " was accepted (" << rows.value().size() << " rows)");
    return rows.error();
}

Error badge_error(const std::string& text, const std::string& name) {
    BadgeImportOptions o;
    o.today = d("2025-03-11");
    o.id_prefix = "m";
    auto r = import_open_badges(text, name, o);
    if (r) FAIL(name << " was accepted (" << r.value().size() << " activities)");
    return r.error();
}

} // namespace

TEST_CASE("every malformed file is rejected with a located message") {
    const std::string dir = std::string(RECERT_FIXTURE_DIR) + "/malformed";
    std::map<std::string, std::string> expected;
    {
        std::istringstream in(read_fixture("malformed/EXPECTED.tsv"));
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            const auto tab = line.find('\t');
            REQUIRE(tab != std::string::npos);
            expected[line.substr(0, tab)] = line.substr(tab + 1);
        }
    }
    const Log log = dashboard_log();
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        const std::string ext = entry.path().extension().string();
        if (ext != ".csv" && ext != ".json") continue;
        INFO("file: " << name);
        REQUIRE(expected.count(name));
        const std::string text = read_fixture("malformed/" + name);
        const Error e = ext == ".csv" ? csv_error(text, name, log) : badge_error(text, name);
        CHECK(e.file == name);
        CHECK_FALSE(e.message.empty());
        CHECK(e.path == expected[name]);
        ++checked;
    }
    CHECK(checked == int(expected.size()));
    CHECK(checked >= 50);
}
