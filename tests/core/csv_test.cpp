// RFC 4180 CSV reader/writer and the activities CSV export/import (mapping, round trip, errors).
#include "core/csv.h"
#include "core/csv_activities.h"
#include "reports_support.h"

using namespace recert::core;
using namespace recert::core::test;

TEST_CASE("the CSV reader handles quotes, doubled quotes, embedded line breaks and a BOM") {
    auto t = parse_csv("\xEF\xBB\xBF" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,,3\n");
    REQUIRE(t);
    CHECK(t.value().had_bom);
    REQUIRE(t.value().rows.size() == 3);
    CHECK(t.value().rows[1].cells == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
    CHECK(t.value().rows[2].cells == std::vector<std::string>{"1", "", "3"});
    CHECK(t.value().rows[2].line == 4); // the quoted line break moved it down a line
}

TEST_CASE("the CSV reader skips blank lines and accepts a missing final line break") {
    auto t = parse_csv("a,b\n\n1,2");
    REQUIRE(t);
    REQUIRE(t.value().rows.size() == 2);
    CHECK(t.value().rows[1].line == 3);
}

TEST_CASE("CSV errors name the line and column") {
    auto unterminated = parse_csv("a,b\n1,\"open\n2,3\n", "x.csv");
    REQUIRE_FALSE(unterminated);
    CHECK(unterminated.error().to_string() == "x.csv: line 2, column 2: a quoted field is never closed (a \" is missing)");
    auto stray = parse_csv("a,b\n1,x\"y\n");
    REQUIRE_FALSE(stray);
    CHECK(stray.error().path == "line 2, column 2");
    auto after = parse_csv("a,b\n\"1\"x,2\n");
    REQUIRE_FALSE(after);
    CHECK(after.error().path == "line 2, column 1");
    auto ragged = parse_csv("a,b,c\n1,2\n");
    REQUIRE_FALSE(ragged);
    CHECK(ragged.error().path == "line 2, column 3");
    auto bad_utf8 = parse_csv("a,b\n1,caf\xE9\n");
    REQUIRE_FALSE(bad_utf8);
    CHECK(bad_utf8.error().path == "line 2, character 6");
    auto huge = parse_csv("a\n" + std::string(csv_max_field_bytes + 1, 'x') + "\n");
    REQUIRE_FALSE(huge);
    CHECK(huge.error().path == "line 2, column 1");
}

TEST_CASE("the CSV writer quotes only where RFC 4180 needs it and ends lines with CRLF") {
    std::string out;
    csv_append_row(out, {"plain", "a,b", "say \"x\"", "two\nlines", " padded"});
    CHECK(out == "plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\" padded\"\r\n");
}

TEST_CASE("formula injection is neutralized with an apostrophe and restored on import") {
    for (const char* s : {"=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "''+y"}) {
        const std::string n = neutralize_formula(s);
        CHECK(n == std::string("'") + s);
        CHECK(restore_formula(n) == s);
    }
    for (const char* s : {"Safe title", "'quoted", "1.5", ""}) {
        CHECK(neutralize_formula(s) == s);
        CHECK(restore_formula(s) == s);
    }
}

TEST_CASE("the activities export has one row per activity, ISO dates and applied credits per credential") {
    const Log log = dashboard_log();
    const Evaluation ev = evaluate_log(log);
    const std::string text = export_activities_csv(log, ev);
    auto t = parse_csv(text);
    REQUIRE(t);
    REQUIRE(t.value().rows.size() == log.activities.size() + 1);
    const auto& header = t.value().rows[0].cells;
    CHECK(header[0] == "id");
    CHECK(header[header.size() - 2] == "Applied ACSM CPT");
    CHECK(header.back() == "Applied ACSM EP");
    for (std::size_t a = 0; a < log.activities.size(); ++a) {
        const auto& cells = t.value().rows[a + 1].cells;
        CHECK(cells[1] == log.activities[a].earned.to_string());
        const Credits applied = ev.at(1, a).applied;
        CHECK(cells.back() == (applied.is_zero() ? std::string() : applied.to_string()));
    }
    CHECK(text.find("\r\n") != std::string::npos);
    CHECK(export_activities_csv(log, ev, {true, {}}).rfind("\xEF\xBB\xBF", 0) == 0);
}

TEST_CASE("golden file: the activities CSV of the dashboard fixture with hostile text") {
    const Log log = hostile_log();
    check_golden("golden/activities.csv", export_activities_csv(log, evaluate_log(log)));
}

TEST_CASE("our own export maps itself and re-imports to the same activities") {
    Log log = hostile_log();
    log.activities[2].category_for = {{"nccpa", "cat1"}, {"nsca", "A"}};
    log.activities[3].status = ActivityStatus::pending;
    log.activities[3].source = ActivitySource::synced;
    const std::string text = export_activities_csv(log, evaluate_log(log), {true, {}});
    auto t = parse_csv(text);
    REQUIRE(t);
    const CsvMapping m = detect_mapping(t.value());
    CHECK(m.own_export);
    CHECK(mapping_complete(m));
    Log empty;
    auto rows = import_activities_csv(t.value(), m, empty, {d("2025-03-11"), "imp"});
    REQUIRE(rows);
    REQUIRE(rows.value().size() == log.activities.size());
    for (std::size_t i = 0; i < log.activities.size(); ++i) {
        Activity want = log.activities[i];
        want.rev = 1; // a fresh record; evidence, sessions and exclusions are not CSV columns
        want.evidence.clear();
        want.sessions.clear();
        want.excluded_from.clear();
        want.duplicate_of.clear();
        want.statement_printed.reset();
        CHECK(rows.value()[i].activity == want);
        if (i > 0) CHECK(rows.value()[i].line > rows.value()[i - 1].line);
    }
    CHECK(rows.value()[0].line == 2);
    // The notes of activity 1 hold a line break: the rows after it start one line further down.
    CHECK(rows.value()[2].line == 5);
}

TEST_CASE("a generic transcript layout is mapped by its header names") {
    const std::string text =
        "Completion Date,Course Title,Sponsor,CEUs,Course #\n"
        "03/15/2024,Strength basics,NSCA,0.5,NS-1\n"
        "12/01/2024,\"Nutrition, advanced\",ACE,1.2,\n";
    auto t = parse_csv(text);
    REQUIRE(t);
    const CsvMapping m = detect_mapping(t.value());
    CHECK_FALSE(m.own_export);
    CHECK(m.columns == std::vector<CsvField>{CsvField::earned, CsvField::title, CsvField::provider, CsvField::amount,
                                             CsvField::course_number});
    CHECK(m.date_order == DateOrder::us);
    CHECK(m.default_unit == Unit::ceu);
    auto rows = import_activities_csv(t.value(), m, Log{}, {d("2025-03-11"), "imp"});
    REQUIRE(rows);
    REQUIRE(rows.value().size() == 2);
    const Activity& a = rows.value()[1].activity;
    CHECK(a.id == "imp-3");
    CHECK(a.earned == d("2024-12-01"));
    CHECK(a.title == "Nutrition, advanced");
    CHECK(a.amount == cr("1.2"));
    CHECK(a.unit == Unit::ceu);
    CHECK(a.source == ActivitySource::imported);
}

TEST_CASE("a mapping without a date, title or credits column is not complete") {
    auto t = parse_csv("Title,Provider\nx,y\n");
    REQUIRE(t);
    std::string why;
    CHECK_FALSE(mapping_complete(detect_mapping(t.value()), &why));
    CHECK(why == "Choose the column that holds the date earned.");
    auto r = import_activities_csv(t.value(), detect_mapping(t.value()), Log{}, {d("2025-03-11"), "i"}, "t.csv");
    REQUIRE_FALSE(r);
    CHECK(r.error().to_string() == "t.csv: line 1: Choose the column that holds the date earned.");
}

TEST_CASE("import is all or nothing: the first bad cell names its line, column and field") {
    auto t = parse_csv("Date,Title,Hours\n2024-01-02,Fine,1\n2024-01-03,Broken,1.234\n");
    REQUIRE(t);
    auto r = import_activities_csv(t.value(), detect_mapping(t.value()), Log{}, {d("2025-03-11"), "i"}, "t.csv");
    REQUIRE_FALSE(r);
    CHECK(r.error().to_string() ==
          "t.csv: line 3, column 3: Credits: \"1.234\" is not a number like 1.5 (at most two decimals, a dot for decimals)");
}

TEST_CASE("import rejects a cell a spreadsheet would run as a formula, and future dates") {
    auto f = parse_csv("Date,Title,Hours\n2024-01-02,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1\n");
    REQUIRE(f);
    auto r = import_activities_csv(f.value(), detect_mapping(f.value()), Log{}, {d("2025-03-11"), "i"});
    REQUIRE_FALSE(r);
    CHECK(r.error().path == "line 2, column 2");
    auto future = parse_csv("Date,Title,Hours\n2026-01-02,Later,1\n");
    REQUIRE(future);
    auto r2 = import_activities_csv(future.value(), detect_mapping(future.value()), Log{}, {d("2025-03-11"), "i"});
    REQUIRE_FALSE(r2);
    CHECK(r2.error().path == "line 2, column 1");
    CHECK(r2.error().message.find("future") != std::string::npos);
}

TEST_CASE("import suggests duplicates of stored activities and within the file, never merging") {
    Log log = dashboard_log();
    const Activity& stored = log.activities[0];
    const std::string text = "Date,Title,Provider,Hours\n" + stored.earned.to_string() + "," + stored.title + "," +
                             stored.provider + ",2\n2024-05-05,Twice,P,1\n2024-05-05,twice ,P,1\n2024-06-01,New,P,1\n";
    auto t = parse_csv(text);
    REQUIRE(t);
    auto rows = import_activities_csv(t.value(), detect_mapping(t.value()), log, {d("2025-03-11"), "i"});
    REQUIRE(rows);
    const auto dups = import_duplicates(log.activities, rows.value());
    REQUIRE(dups.size() == 2);
    CHECK(dups[0].row == 0);
    CHECK(dups[0].existing == 0);
    CHECK(dups[0].match == DuplicateMatch::same_title_provider_and_date);
    CHECK(dups[1].row == 2);
    CHECK(dups[1].other_row == 1);
}

TEST_CASE("re-importing our own export into the same log flags every row as the same record") {
    const Log log = dashboard_log();
    auto t = parse_csv(export_activities_csv(log, evaluate_log(log)));
    REQUIRE(t);
    auto rows = import_activities_csv(t.value(), detect_mapping(t.value()), log, {d("2025-03-11"), "i"});
    REQUIRE(rows);
    const auto dups = import_duplicates(log.activities, rows.value());
    REQUIRE(dups.size() == log.activities.size());
    for (const auto& dup : dups) CHECK(dup.same_id);
}

TEST_CASE("read a slice at a time, a CSV gives the same table and the same errors as read at once") {
    std::string text = "Date,Title,Hours\r\n";
    for (int i = 1; i <= 50; ++i)
        text += "2024-01-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1) + ",\"Course " +
                std::to_string(i) + "\nsecond line\",1\r\n\r\n";
    CsvReader reader(text, "s.csv");
    int steps = 0;
    std::size_t last = 0;
    while (!reader.step(7)) {
        ++steps;
        CHECK(reader.offset() > last); // every slice moves on
        last = reader.offset();
        REQUIRE(steps < 100);
    }
    CHECK(steps == 7); // 51 rows, 7 a slice
    CHECK(reader.offset() == reader.size());
    auto sliced = reader.take();
    auto whole = parse_csv(text, "s.csv");
    REQUIRE(sliced);
    REQUIRE(whole);
    REQUIRE(sliced.value().rows.size() == 51);
    for (std::size_t r = 0; r < 51; ++r) {
        CHECK(sliced.value().rows[r].cells == whole.value().rows[r].cells);
        CHECK(sliced.value().rows[r].line == whole.value().rows[r].line);
    }

    const std::string bad = text + "2024-02-01,\"never closed,1\r\n";
    CsvReader broken(bad, "s.csv");
    while (!broken.step(3)) {
    }
    auto e = broken.take();
    REQUIRE_FALSE(e);
    CHECK(e.error().to_string() == parse_csv(bad, "s.csv").error().to_string());
    CHECK(e.error().path == "line 152, column 2");
}

TEST_CASE("converted a slice at a time, an import gives the same rows and stops at the first bad row") {
    std::string text = "Date,Title,Hours\n";
    for (int i = 1; i <= 40; ++i) text += "2024-03-" + std::string(i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1) + ",Course " + std::to_string(i) + ",1.5\n";
    auto t = parse_csv(text);
    REQUIRE(t);
    const CsvMapping m = detect_mapping(t.value());
    CsvActivityImporter importer(t.value(), m, Log{}, {d("2025-03-11"), "i"}, "t.csv");
    CHECK(importer.rows_total() == 41);
    int steps = 0;
    while (!importer.step(10)) {
        ++steps;
        CHECK(importer.rows_done() == std::size_t(1 + 10 * steps));
    }
    CHECK(steps == 3);
    auto sliced = importer.take();
    auto whole = import_activities_csv(t.value(), m, Log{}, {d("2025-03-11"), "i"}, "t.csv");
    REQUIRE(sliced);
    REQUIRE(whole);
    REQUIRE(sliced.value().size() == 40);
    for (std::size_t i = 0; i < 40; ++i) {
        CHECK(sliced.value()[i].activity.title == whole.value()[i].activity.title);
        CHECK(sliced.value()[i].activity.id == whole.value()[i].activity.id);
        CHECK(sliced.value()[i].line == whole.value()[i].line);
    }

    auto broken = parse_csv(text + "2024-04-01,Bad,lots\n2024-04-02,Later,1\n");
    REQUIRE(broken);
    CsvActivityImporter failing(broken.value(), m, Log{}, {d("2025-03-11"), "i"}, "t.csv");
    while (!failing.step(16)) {
    }
    CHECK(failing.rows_done() == 42); // stopped at the bad row, line 42
    auto e = failing.take();
    REQUIRE_FALSE(e);
    CHECK(e.error().path == "line 42, column 3");
}

TEST_CASE("import duplicate suggestions ignore an incoming row's own duplicate mark but honour stored ones") {
    Log log = dashboard_log();
    std::vector<CsvImportRow> rows(2);
    rows[0].activity = log.activities[0];
    rows[0].activity.id = "incoming-1";
    rows[0].activity.duplicate_of = log.activities[0].id; // an export of a resolved pair: still suggested
    rows[1].activity = rows[0].activity;
    rows[1].activity.id = "incoming-2";
    rows[1].activity.duplicate_of.clear();
    const auto dups = import_duplicates(log.activities, rows);
    REQUIRE(dups.size() == 2);
    CHECK(dups[0].existing == 0);
    CHECK(dups[1].existing == 0);
}

TEST_CASE("CSV headers name credentials as people do, telling two of the same name apart by number or cycle") {
    Log log = dashboard_log();
    log.credentials.push_back(log.credentials[1]); // a second ACSM EP (another cycle)
    log.credentials[2].id = "57c0907c-1111-4222-8333-944445555666";
    log.credentials[2].cycle = {d("2021-01-01"), d("2023-12-31")};
    log.credentials[1].id_number = "EP-77";
    log.credentials[2].id_number.clear();
    const std::string text = export_activities_csv(log, evaluate_log(log));
    auto t = parse_csv(text);
    REQUIRE(t);
    const auto& header = t.value().rows[0].cells;
    CHECK(header[header.size() - 3] == "Applied ACSM CPT");
    CHECK(header[header.size() - 2] == "Applied ACSM EP #EP-77");
    CHECK(header.back() == "Applied ACSM EP (cycle 2021-2023)");
    CHECK(text.find("57c0907c") == std::string::npos);
    CHECK(text.find("cred-cpt") == std::string::npos);
}

TEST_CASE("a CSV exported before (credential columns named with ids) still maps and imports") {
    const Log log = dashboard_log();
    std::string text = export_activities_csv(log, evaluate_log(log));
    const std::size_t cpt = text.find("Applied ACSM CPT"), ep = text.find("Applied ACSM EP");
    REQUIRE(cpt != std::string::npos);
    REQUIRE(ep != std::string::npos);
    text.replace(ep, std::string("Applied ACSM EP").size(), "Applied ACSM EP [cred-ep]");
    text.replace(cpt, std::string("Applied ACSM CPT").size(), "Applied ACSM CPT [cred-cpt]");
    auto t = parse_csv(text);
    REQUIRE(t);
    const CsvMapping m = detect_mapping(t.value());
    CHECK(m.own_export);
    auto rows = import_activities_csv(t.value(), m, Log{}, {d("2025-03-11"), "imp"});
    REQUIRE(rows);
    CHECK(rows.value().size() == log.activities.size());
}
