// libFuzzer target: the CSV reader and the activities import must never crash, hang or leak on any
// input; every rejection is located; an accepted import re-exports and re-imports to the same rows.
#include "core/csv.h"
#include "core/csv_activities.h"
#include "core/engine.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace recert::core;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto table = parse_csv(text, "fuzz.csv");
    // Read two rows at a time (an import in the page), the table or the error is the same.
    CsvReader reader(text, "fuzz.csv");
    while (!reader.step(2)) {
    }
    auto sliced = reader.take();
    if (bool(sliced) != bool(table)) std::abort();
    if (table) {
        if (sliced.value().rows.size() != table.value().rows.size()) std::abort();
        for (std::size_t r = 0; r < table.value().rows.size(); ++r)
            if (sliced.value().rows[r].cells != table.value().rows[r].cells || sliced.value().rows[r].line != table.value().rows[r].line)
                std::abort();
    } else if (sliced.error().to_string() != table.error().to_string()) {
        std::abort();
    }
    if (!table) {
        if (table.error().message.empty() || table.error().path.empty()) std::abort();
        return 0;
    }
    const CsvMapping mapping = detect_mapping(table.value());
    const Log empty;
    auto rows = import_activities_csv(table.value(), mapping, empty, {*Date::from_ymd(2030, 1, 1), "f"}, "fuzz.csv");
    // Converted three rows at a time, the same rows or the same error.
    CsvActivityImporter importer(table.value(), mapping, empty, {*Date::from_ymd(2030, 1, 1), "f"}, "fuzz.csv");
    while (!importer.step(3)) {
    }
    auto sliced_rows = importer.take();
    if (bool(sliced_rows) != bool(rows)) std::abort();
    if (rows ? sliced_rows.value().size() != rows.value().size() : sliced_rows.error().to_string() != rows.error().to_string())
        std::abort();
    if (!rows) {
        if (rows.error().message.empty()) std::abort();
        return 0;
    }
    (void)import_duplicates(empty.activities, rows.value());
    // Accepted: our own export of the result must import back to the same activities.
    Log log;
    for (const CsvImportRow& r : rows.value()) log.activities.push_back(r.activity);
    const std::string again = export_activities_csv(log, Evaluation{});
    auto table2 = parse_csv(again);
    if (!table2) std::abort();
    auto rows2 = import_activities_csv(table2.value(), detect_mapping(table2.value()), empty,
                                       {*Date::from_ymd(2030, 1, 1), "g"});
    if (!rows2 || rows2.value().size() != log.activities.size()) std::abort();
    for (std::size_t i = 0; i < log.activities.size(); ++i)
        if (!(rows2.value()[i].activity == log.activities[i])) std::abort();
    return 0;
}
