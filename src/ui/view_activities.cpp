// The Activities view: a toolbar (search, filters, Add activity), a sortable, clipped table of every
// CEC entry, and a details panel that says, per credential, how the selected entry counted.
// The filtered + sorted row order is cached and rebuilt only when the data, filter or sort change.
#include "core/explain.h"
#include "core/names.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"
#include "imgui_internal.h" // IMGUI_TEST_ENGINE_ITEM_INFO: names table headers for browser tests
#include "imgui_stdlib.h"

#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace recert::ui {
namespace {

// [SECTION] Small helpers (no heap: they format into caller buffers)

enum Column : int {
    col_earned,
    col_reported,
    col_credits,
    col_course,
    col_provider,
    col_format,
    col_category,
    col_status,
    col_evidence,
    col_applies,
    column_count
};

// Table headers are not labelled for the test engine by ImGui 1.86: they get a label here,
// so browser tests can find them by "window/label" path like buttons and inputs.
void expose_item(const char* label) {
#ifdef IMGUI_ENABLE_TEST_ENGINE
    ImGuiContext& g = *GImGui;
    IMGUI_TEST_ENGINE_ITEM_INFO(g.LastItemData.ID, label, g.LastItemData.StatusFlags);
#else
    (void)label;
#endif
}

void text_view(std::string_view s) {
    text_plain(s.data(), s.data() + s.size());
}

// The same without a text node: grid cells record themselves (cell()).
void cell_text(std::string_view s) {
    ImGui::TextUnformatted(s.data(), s.data() + s.size());
}

void format_date_into(char* buf, std::size_t size, core::Date d, DateStyle style) {
    const int y = d.year();
    const unsigned m = d.month(), day = d.day();
    switch (style) {
    case DateStyle::us:
        std::snprintf(buf, size, "%02u/%02u/%04d", m, day, y);
        return;
    case DateStyle::europe:
        std::snprintf(buf, size, "%02u.%02u.%04d", day, m, y);
        return;
    case DateStyle::iso:
        break;
    }
    std::snprintf(buf, size, "%04d-%02u-%02u", y, m, day);
}

// "1.5", "45", "0.25" then " <unit>".
void format_credits_into(char* buf, std::size_t size, core::Credits c, std::string_view unit) {
    const std::int64_t h = c.hundredths();
    const std::int64_t a = h < 0 ? -h : h;
    const char* sign = h < 0 ? "-" : "";
    const std::int64_t whole = a / 100, frac = a % 100;
    if (frac == 0)
        std::snprintf(buf, size, "%s%" PRId64 " %.*s", sign, whole, int(unit.size()), unit.data());
    else if (frac % 10 == 0)
        std::snprintf(buf, size, "%s%" PRId64 ".%" PRId64 " %.*s", sign, whole, frac / 10, int(unit.size()),
                      unit.data());
    else
        std::snprintf(buf, size, "%s%" PRId64 ".%02" PRId64 " %.*s", sign, whole, frac, int(unit.size()),
                      unit.data());
}

int compare_folded(std::string_view a, std::string_view b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const int x = std::tolower(static_cast<unsigned char>(a[i]));
        const int y = std::tolower(static_cast<unsigned char>(b[i]));
        if (x != y)
            return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// "ACSM CPT", "NSCA CSCS", "ACE-CPT", or the custom program's name.
std::string credential_name(const AppState& state, std::size_t c) {
    const core::RulePack* pack =
        c < state.data.evaluation.credentials.size() ? state.data.evaluation.credentials[c].pack : nullptr;
    return core::credential_short_name(state.data.log.credentials[c], pack);
}

// A credit type as the packs of the person's credentials name it ("In-network", not "in_network").
std::string category_text(const AppState& state, const std::string& id) {
    std::vector<const core::RulePack*> packs;
    for (const core::CredentialResult& r : state.data.evaluation.credentials) packs.push_back(r.pack);
    // A provider's course may carry another body's credit type ("in_network" of NAAEI on a log with
    // only an ACSM credential): named by the shipped pack that defines it.
    if (state.data.packs)
        for (const core::RulePack& p : state.data.packs->packs) packs.push_back(&p);
    return core::category_display_name(id, packs);
}

bool evaluation_current(const AppState& state) {
    const auto& ev = state.data.evaluation;
    return ev.activity_count == state.data.log.activities.size() &&
           ev.credentials.size() == state.data.log.credentials.size();
}

// Whether activity `i` is relevant for credential `c` in the credential filter: it counted, was cut
// by a limit, or is pending/planned there.
bool relevant_for(const AppState& state, std::size_t c, std::size_t i) {
    const core::Explanation& e = state.data.evaluation.at(c, i);
    switch (e.reason) {
    case core::Reason::counted:
    case core::Reason::counted_partly:
    case core::Reason::limit_reached:
    case core::Reason::not_yet_posted:
    case core::Reason::planned:
        return true;
    default:
        return e.applied > core::Credits();
    }
}

// [SECTION] The row cache

struct SortKey {
    int column = col_earned;
    ImGuiSortDirection direction = ImGuiSortDirection_Descending;
};

struct RowCache {
    // Keys of what the cache was built from.
    std::uint64_t generation = ~std::uint64_t(0);
    ActivityFilter filter;
    bool sorted = false;
    std::vector<SortKey> sort{{col_earned, ImGuiSortDirection_Descending}};

    // Derived from the data (rebuilt when the generation changes).
    std::vector<std::string> credential_names;
    std::vector<std::string> applies; // per activity: "ACSM CPT, NSCA CSCS"
    std::vector<int> years;           // distinct years earned, newest first
    std::vector<std::uint32_t> rows;  // filtered, sorted indices into log.activities

    // Details panel.
    std::string details_for;
    std::uint64_t details_generation = ~std::uint64_t(0);
    int selected_index = -1;
    std::vector<std::string> explanations; // per credential
};

RowCache& cache() {
    static RowCache c;
    return c;
}

bool same_filter(const ActivityFilter& a, const ActivityFilter& b) {
    return a.text == b.text && a.credential == b.credential && a.status == b.status && a.year == b.year &&
           a.format == b.format;
}

bool filter_active(const ActivityFilter& f) {
    return !f.text.empty() || f.credential >= 0 || f.status >= 0 || f.year != 0 || f.format >= 0;
}

void rebuild_derived(const AppState& state, RowCache& rc) {
    const auto& acts = state.data.log.activities;
    const auto& creds = state.data.log.credentials;
    rc.credential_names.clear();
    for (std::size_t c = 0; c < creds.size(); ++c)
        rc.credential_names.push_back(credential_name(state, c));
    rc.applies.assign(acts.size(), std::string());
    if (evaluation_current(state)) {
        for (std::size_t i = 0; i < acts.size(); ++i) {
            std::string& s = rc.applies[i];
            for (std::size_t c = 0; c < creds.size(); ++c) {
                if (state.data.evaluation.at(c, i).applied <= core::Credits())
                    continue;
                if (!s.empty())
                    s += ", ";
                s += rc.credential_names[c];
            }
            // A provider's course that no credential of its accrediting bodies takes waits for the person.
            if (s.empty() && acts[i].provider_link && !acts[i].provider_link->accredited_by.empty())
                for (std::size_t c = 0; c < creds.size() && s.empty(); ++c)
                    if (state.data.evaluation.at(c, i).reason == core::Reason::other_accreditor)
                        s = "Not assigned";
        }
    }
    rc.years.clear();
    for (const core::Activity& a : acts)
        rc.years.push_back(a.earned.year());
    std::sort(rc.years.begin(), rc.years.end(), std::greater<int>());
    rc.years.erase(std::unique(rc.years.begin(), rc.years.end()), rc.years.end());
}

bool matches(const AppState& state, const ActivityFilter& f, std::size_t i) {
    const core::Activity& a = state.data.log.activities[i];
    if (f.status >= 0 && int(a.status) != f.status)
        return false;
    if (f.format >= 0 && int(a.format) != f.format)
        return false;
    if (f.year != 0 && a.earned.year() != f.year)
        return false;
    if (f.credential >= 0) {
        if (!evaluation_current(state) || std::size_t(f.credential) >= state.data.log.credentials.size())
            return false;
        if (!relevant_for(state, std::size_t(f.credential), i))
            return false;
    }
    if (!f.text.empty()) {
        const std::string_view t = f.text;
        if (!contains_folded(a.title, t) && !contains_folded(a.provider, t) &&
            !contains_folded(a.course_number, t) && !contains_folded(a.provider_approval, t) &&
            !contains_folded(a.category, t) && !contains_folded(a.notes, t))
            return false;
    }
    return true;
}

int compare_column(const AppState& state, const RowCache& rc, int column, std::uint32_t x, std::uint32_t y) {
    const core::Activity& a = state.data.log.activities[x];
    const core::Activity& b = state.data.log.activities[y];
    auto cmp = [](auto p, auto q) { return p < q ? -1 : (q < p ? 1 : 0); };
    switch (column) {
    case col_earned:
        return cmp(a.earned, b.earned);
    case col_reported: {
        // Entries never reported sort after every reported one (ascending).
        const std::int64_t p = a.reported ? a.reported->serial() : INT64_MAX;
        const std::int64_t q = b.reported ? b.reported->serial() : INT64_MAX;
        return cmp(p, q);
    }
    case col_credits: {
        if (int r = cmp(a.effective_amount(), b.effective_amount()))
            return r;
        return cmp(int(a.unit), int(b.unit));
    }
    case col_course:
        return compare_folded(a.title, b.title);
    case col_provider:
        return compare_folded(a.provider, b.provider);
    case col_format:
        return compare_folded(format_display(a.format), format_display(b.format));
    case col_category:
        return compare_folded(a.category, b.category);
    case col_status:
        return cmp(int(a.status), int(b.status));
    case col_evidence:
        return cmp(a.evidence.size(), b.evidence.size());
    case col_applies:
        return compare_folded(rc.applies[x], rc.applies[y]);
    default:
        return 0;
    }
}

void sort_rows(const AppState& state, RowCache& rc) {
    std::stable_sort(rc.rows.begin(), rc.rows.end(), [&](std::uint32_t x, std::uint32_t y) {
        for (const SortKey& k : rc.sort) {
            int r = compare_column(state, rc, k.column, x, y);
            if (k.direction == ImGuiSortDirection_Descending)
                r = -r;
            if (r != 0)
                return r < 0;
        }
        return x < y;
    });
    rc.sorted = true;
}

// Rebuilds the filtered rows when the data or the filter changed (sorting happens in the table,
// where the sort specs are known).
void refresh_rows(const AppState& state, RowCache& rc) {
    const bool data_changed = rc.generation != state.data.generation;
    if (data_changed)
        rebuild_derived(state, rc);
    if (!data_changed && same_filter(rc.filter, state.filter))
        return;
    rc.generation = state.data.generation;
    rc.filter = state.filter;
    rc.rows.clear();
    const std::size_t n = state.data.log.activities.size();
    rc.rows.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        if (matches(state, rc.filter, i))
            rc.rows.push_back(std::uint32_t(i));
    rc.sorted = false;
}

// [SECTION] Toolbar

// Places the next item of width `w` on the current line when it fits, else on a new line.
void flow(float w) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
    if (x + w <= right)
        ImGui::SameLine();
}

void filter_combo(const char* id, const char* name, float width, int& value, int count, const char* all_label,
                  const char* (*label_of)(const AppState&, int), const AppState& state) {
    ImGui::SetNextItemWidth(width);
    const char* preview = value < 0 || value >= count ? all_label : label_of(state, value);
    if (!begin_combo(id, preview, 0, name))
        return;
    if (ImGui::Selectable(all_label, value < 0))
        value = -1;
    for (int i = 0; i < count; ++i) {
        ImGui::PushID(i);
        if (ImGui::Selectable(label_of(state, i), value == i))
            value = i;
        ImGui::PopID();
    }
    end_combo();
}

const char* credential_label_of(const AppState&, int i) {
    return cache().credential_names[std::size_t(i)].c_str();
}
const char* status_label_of(const AppState&, int i) {
    static std::string labels[6];
    if (labels[i].empty())
        labels[i] = std::string(status_label(core::ActivityStatus(i)));
    return labels[i].c_str();
}
const char* format_label_of(const AppState&, int i) {
    return format_display(core::Format(i));
}

void draw_toolbar(AppState& state, RowCache& rc) {
    ActivityFilter& f = state.filter;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float search_w = avail < 420.0f ? avail : 240.0f;
    ImGui::SetNextItemWidth(search_w);
    ImGui::InputTextWithHint("##search", ICON_SEARCH "  Search title, provider, course no.", &f.text);
    name_field("Search title, provider, course no.", f.text);

    const float combo_w = ui_px(160.0f);
    flow(combo_w);
    if (f.credential >= int(rc.credential_names.size()))
        f.credential = -1;
    filter_combo("##filter_credential", "Credential", combo_w, f.credential, int(rc.credential_names.size()),
                 "All credentials", credential_label_of, state);
    flow(combo_w);
    filter_combo("##filter_status", "Status", combo_w, f.status, 6, "All statuses", status_label_of, state);

    flow(ui_px(120.0f));
    ImGui::SetNextItemWidth(ui_px(120.0f));
    char year_preview[16] = "All years";
    if (f.year != 0)
        std::snprintf(year_preview, sizeof year_preview, "%d", f.year);
    if (begin_combo("##filter_year", year_preview, 0, "Year")) {
        if (ImGui::Selectable("All years", f.year == 0))
            f.year = 0;
        for (int y : rc.years) {
            char label[16];
            std::snprintf(label, sizeof label, "%d", y);
            if (ImGui::Selectable(label, f.year == y))
                f.year = y;
        }
        end_combo();
    }
    flow(combo_w);
    filter_combo("##filter_format", "Format", combo_w, f.format, core::format_count, "All formats",
                 format_label_of, state);

    if (filter_active(f)) {
        flow(110.0f);
        if (ImGui::Button("Clear filters"))
            f = ActivityFilter{};
    }
    const char* add_label = ICON_PLUS "  Add activity";
    const float add_w = ImGui::CalcTextSize(add_label).x + ImGui::GetStyle().FramePadding.x * 2;
    flow(add_w);
    if (primary_button(add_label))
        open_activity_form(state, nullptr);
}

// [SECTION] Table

void sync_sort_specs(RowCache& rc) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs)
        return;
    if (specs->SpecsDirty) {
        rc.sort.clear();
        for (int i = 0; i < specs->SpecsCount; ++i)
            rc.sort.push_back({int(specs->Specs[i].ColumnUserID), specs->Specs[i].SortDirection});
        specs->SpecsDirty = false;
        rc.sorted = false;
    }
}

// A grid cell node for the text just drawn in column `col` of activity `a`'s row (when shown).
void cell(const core::Activity& a, int col, std::string_view text, bool shown) {
    if (!shown)
        return;
    char key[96]; // the activity's id and the column (no formatting: this runs for every cell)
    const std::size_t len = std::min<std::size_t>(a.id.size(), sizeof key - 2);
    std::memcpy(key, a.id.data(), len);
    key[len] = '#';
    key[len + 1] = char('A' + col);
    if (SemNode* n = sem_node(Role::gridcell, text, std::string_view(key, len + 2)))
        n->col_index = col + 1;
}

// One row of the grid: `r` is its 0-based position in the filtered, sorted list.
void draw_row(AppState& state, const RowCache& rc, std::uint32_t i, int r) {
    const core::Activity& a = state.data.log.activities[i];
    const Palette& p = palette();
    char buf[160];
    ImGui::TableNextRow();

    ImGui::TableSetColumnIndex(col_earned);
    // The clipper also draws the first row, out of sight, to measure it: not part of the tree.
    const bool shown = ImGui::IsRectVisible(ImVec2(1.0f, ImGui::GetTextLineHeight()));
    struct Hidden { // the measuring row's items stay out of the tree too
        bool on;
        ~Hidden() { if (on) sem_hide_end(); }
    } hidden{!shown};
    if (!shown) sem_hide_begin();
    char row_key[80];
    std::snprintf(row_key, sizeof row_key, "row:%.70s", a.id.c_str());
    if (SemNode* n = shown ? sem_begin(Role::row, a.title, row_key) : nullptr) {
        n->row_index = r + 2; // ARIA counts the header row as row 1
        n->selected = state.selected_activity == a.id;
    }
    format_date_into(buf, sizeof buf, a.earned, state.settings.date_style);
    ImGui::TextUnformatted(buf);
    cell(a, col_earned, buf, shown);

    ImGui::TableSetColumnIndex(col_reported);
    if (a.reported) {
        format_date_into(buf, sizeof buf, *a.reported, state.settings.date_style);
        ImGui::TextUnformatted(buf);
        cell(a, col_reported, buf, shown);
    } else {
        ImGui::TextColored(p.muted_text, "\xe2\x80\x94"); // em dash
        cell(a, col_reported, "not reported", shown);
    }

    ImGui::TableSetColumnIndex(col_credits);
    format_credits_into(buf, sizeof buf, a.effective_amount(), core::unit_label(a.unit));
    ImGui::TextUnformatted(buf);
    cell(a, col_credits, buf, shown);

    // The row's Selectable spans every column; its label is the title so tests can read rows.
    ImGui::TableSetColumnIndex(col_course);
    char label[480];
    std::snprintf(label, sizeof label, "%.400s###row%.60s", a.title.c_str(), a.id.c_str());
    const bool selected = state.selected_activity == a.id;
    if (ImGui::Selectable(label, selected,
                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
        state.selected_activity = a.id;
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
            open_activity_form(state, &a);
    }
    if (SemNode* n = sem_item(Role::gridcell, a.title)) {
        n->col_index = col_course + 1;
        n->selected = selected;
    }
    // Arrow keys move the keyboard focus between rows; the selection follows it.
    if (!selected && ImGui::GetIO().NavVisible && ImGui::IsItemFocused())
        state.selected_activity = a.id;
    // Titles clipped by the column show in full on hover.
    if (ImGui::IsItemHovered() && ImGui::CalcTextSize(a.title.c_str()).x > ImGui::GetContentRegionAvail().x) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
        cell_text(a.title);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }

    ImGui::TableSetColumnIndex(col_provider);
    cell_text(a.provider);
    cell(a, col_provider, a.provider, shown);

    ImGui::TableSetColumnIndex(col_format);
    ImGui::TextUnformatted(format_display(a.format));
    cell(a, col_format, format_display(a.format), shown);

    ImGui::TableSetColumnIndex(col_category);
    const std::string category = category_text(state, a.category);
    if (category.empty())
        ImGui::TextColored(p.muted_text, "\xe2\x80\x94");
    else
        cell_text(category);
    cell(a, col_category, category.empty() ? "none" : std::string_view(category), shown);

    ImGui::TableSetColumnIndex(col_status);
    const std::string_view status = status_label(a.status);
    ImVec4 status_color = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    switch (a.status) {
    case core::ActivityStatus::rejected:
        status_color = p.danger;
        break;
    case core::ActivityStatus::claimed:
    case core::ActivityStatus::pending:
        status_color = p.warning;
        break;
    case core::ActivityStatus::planned:
        status_color = p.muted_text;
        break;
    case core::ActivityStatus::verified:
        status_color = p.success;
        break;
    case core::ActivityStatus::posted:
        break;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, status_color);
    cell_text(status);
    ImGui::PopStyleColor();
    cell(a, col_status, status, shown);

    ImGui::TableSetColumnIndex(col_evidence);
    if (a.evidence.empty()) {
        ImGui::TextColored(p.warning, ICON_WARNING " None");
        cell(a, col_evidence, "None", shown);
    } else {
        std::snprintf(buf, sizeof buf, ICON_FILE " %zu", a.evidence.size());
        ImGui::TextUnformatted(buf);
        std::snprintf(buf, sizeof buf, "%zu %s", a.evidence.size(),
                      a.evidence.size() == 1 ? "file" : "files");
        cell(a, col_evidence, buf, shown);
    }

    ImGui::TableSetColumnIndex(col_applies);
    const bool applies = i < rc.applies.size() && !rc.applies[i].empty();
    if (applies)
        cell_text(rc.applies[i]);
    else
        ImGui::TextColored(p.muted_text, "\xe2\x80\x94");
    cell(a, col_applies, applies ? std::string_view(rc.applies[i]) : "none", shown);
    if (shown)
        sem_end();
}

// Fixed columns (content + cell padding) plus room for Course (~220) and Provider (~110).
float table_natural_width() { return ui_px(1140.0f); }

void draw_table(AppState& state, RowCache& rc, ImVec2 size) {
    // Always ScrollX with an inner width of at least the natural width: Course and Provider stretch
    // into whatever a wide window offers, and a phone scrolls sideways instead of crushing columns.
    const float min_inner = table_natural_width();
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuter |
                                  ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                  ImGuiTableFlags_SizingFixedFit;
    const float inner = std::max(size.x - ImGui::GetStyle().ScrollbarSize, min_inner);
    if (!ImGui::BeginTable("activities", column_count, flags, size, inner))
        return;
    // A grid of every filtered row, of which only the visible ones are drawn (and recorded).
    if (SemNode* n = sem_begin(Role::grid, "Activities"))
        n->row_count = int(rc.rows.size()) + 1; // the header row and every filtered activity

    constexpr ImGuiTableColumnFlags fixed = ImGuiTableColumnFlags_WidthFixed;
    constexpr ImGuiTableColumnFlags desc = ImGuiTableColumnFlags_PreferSortDescending;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Date earned", ImGuiTableColumnFlags_DefaultSort | desc | fixed, ui_px(88.0f),
                            col_earned);
    ImGui::TableSetupColumn("Reported", desc | fixed, ui_px(80.0f), col_reported);
    ImGui::TableSetupColumn("Credits", desc | fixed, ui_px(80.0f), col_credits);
    ImGui::TableSetupColumn("Course", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoHide, 2.0f,
                            col_course);
    ImGui::TableSetupColumn("Provider", ImGuiTableColumnFlags_WidthStretch, 1.0f, col_provider);
    ImGui::TableSetupColumn("Format", fixed, ui_px(100.0f), col_format);
    ImGui::TableSetupColumn("Credit type", fixed, ui_px(80.0f), col_category);
    ImGui::TableSetupColumn("Status", fixed, ui_px(60.0f), col_status);
    ImGui::TableSetupColumn("Evidence", fixed, ui_px(72.0f), col_evidence);
    ImGui::TableSetupColumn("Applies to", fixed, ui_px(100.0f), col_applies);

    // Header row by hand so each header is named for tests ("Sort Course").
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers, ImGui::TableGetHeaderRowHeight());
    if (SemNode* h = sem_begin(Role::row, "Columns", "header_row"))
        h->row_index = 1;
    for (int c = 0; c < column_count; ++c) {
        if (!ImGui::TableSetColumnIndex(c))
            continue;
        const char* name = ImGui::TableGetColumnName(c);
        ImGui::PushID(c);
        ImGui::TableHeader(name);
        char label[64];
        std::snprintf(label, sizeof label, "Sort %s", name);
        expose_item(label);
        if (SemNode* n = sem_item(Role::columnheader, name)) {
            n->col_index = c + 1;
            for (const auto& spec : rc.sort)
                if (spec.column == c)
                    n->sort =
                        spec.direction == ImGuiSortDirection_Descending ? Sort::descending : Sort::ascending;
        }
        ImGui::PopID();
    }
    sem_end();

    sync_sort_specs(rc);
    if (!rc.sorted)
        sort_rows(state, rc);

    sem_virtualized_begin(); // only the visible rows; aria-rowcount covers the rest
    ImGuiListClipper clipper;
    clipper.Begin(int(rc.rows.size()));
    while (clipper.Step())
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r)
            draw_row(state, rc, rc.rows[std::size_t(r)], r);
    sem_virtualized_end();
    sem_end();
    ImGui::EndTable();
}

// [SECTION] Details panel

void refresh_details(const AppState& state, RowCache& rc) {
    if (rc.details_for == state.selected_activity && rc.details_generation == state.data.generation)
        return;
    rc.details_for = state.selected_activity;
    rc.details_generation = state.data.generation;
    rc.selected_index = -1;
    rc.explanations.clear();
    const auto& acts = state.data.log.activities;
    for (std::size_t i = 0; i < acts.size(); ++i)
        if (acts[i].id == state.selected_activity)
            rc.selected_index = int(i);
    if (rc.selected_index < 0 || !evaluation_current(state))
        return;
    for (std::size_t c = 0; c < state.data.log.credentials.size(); ++c)
        rc.explanations.push_back(core::describe(state.data.evaluation.at(c, std::size_t(rc.selected_index)),
                                                 state.data.evaluation, acts, state.data.log.credentials));
}

void detail_line(const char* label, std::string_view value) {
    if (value.empty())
        return;
    text_colored(palette().muted_text, "%s", label);
    ImGui::SameLine(110.0f);
    ImGui::PushTextWrapPos(0.0f);
    text_view(value);
    ImGui::PopTextWrapPos();
#ifdef IMGUI_ENABLE_TEST_ENGINE
    if (semantics_recording_paths()) { // "Credits: 1.5 CEC" for tests
        char test_label[160];
        std::snprintf(test_label, sizeof test_label, "%s: %.*s", label,
                      int(std::min<std::size_t>(value.size(), 120)), value.data());
        sem_test_label(test_label);
    }
#endif
}

// A provider's course accredited by other bodies than credential `c`'s: the person may count that
// kind of course there (every one in the log and those sync brings later), or stop counting it.
void draw_course_kind_action(AppState& state, const core::Activity& a, std::size_t c, const core::Explanation& e,
                             const std::string& credential_name) {
    if (!a.provider_link || a.provider_link->accredited_by.empty() || state.busy.active)
        return;
    const core::Credential& cred = state.data.log.credentials[c];
    const auto& to = a.provider_link->assigned_to;
    const bool assigned = std::find(to.begin(), to.end(), cred.id) != to.end();
    if (e.reason != core::Reason::other_accreditor && !assigned)
        return;
    const std::string label = std::string(assigned ? "Stop counting" : "Count") + " courses like this toward " +
                              credential_name + "###kind" + std::to_string(c);
    if (small_button(label.c_str()))
        state.intents.push_back(AssignCourseKind{a.id, cred.id, !assigned});
}

void draw_details(AppState& state, RowCache& rc, ImVec2 size) {
    ImGui::BeginChild("details", size, true);
    refresh_details(state, rc);
    if (rc.selected_index < 0) {
        ImGui::Dummy(ImVec2(0, ui_px(8)));
        text_muted("Select an activity to see where its credits counted, and why.");
        ImGui::EndChild();
        return;
    }
    const core::Activity& a = state.data.log.activities[std::size_t(rc.selected_index)];
    const DateStyle style = state.settings.date_style;
    const bool two_columns = ImGui::GetContentRegionAvail().x >= 640.0f &&
                             ImGui::BeginTable("details_columns", 2, ImGuiTableFlags_BordersInnerV);
    if (two_columns) {
        ImGui::TableSetupColumn("facts", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("explanations", ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableNextColumn();
    }
    if (state.fonts.strong)
        ImGui::PushFont(state.fonts.strong);
    ImGui::PushTextWrapPos(0.0f);
    text_view(a.title);
    ImGui::PopTextWrapPos();
    if (state.fonts.strong)
        ImGui::PopFont();
    sem_test_label("details title");
    // Actions first, so they stay in view on a phone however long the explanations get.
    if (ImGui::Button(ICON_PENCIL " Edit###Edit"))
        open_activity_form(state, &a);
    ImGui::SameLine();
    ImGui::BeginDisabled(state.busy.active);
    if (danger_button(ICON_TRASH " Delete###Delete"))
        state.intents.push_back(DeleteActivity{a.id});
    ImGui::EndDisabled();
    ImGui::Spacing();

    char buf[96];
    format_credits_into(buf, sizeof buf, a.effective_amount(), core::unit_label(a.unit));
    detail_line("Credits", buf);
    format_date_into(buf, sizeof buf, a.earned, style);
    detail_line("Earned", buf);
    if (a.reported) {
        format_date_into(buf, sizeof buf, *a.reported, style);
        detail_line("Reported", buf);
    }
    detail_line("Provider", a.provider);
    detail_line("Approval no.", a.provider_approval);
    detail_line("Course no.", a.course_number);
    detail_line("Format", format_display(a.format));
    detail_line("Credit type", category_text(state, a.category));
    detail_line("Status", status_label(a.status));
    if (!a.sessions.empty()) {
        std::snprintf(buf, sizeof buf, "%zu claimed", a.sessions.size());
        detail_line("Sessions", buf);
    }
    detail_line("Notes", a.notes);

    ImGui::Spacing();
    if (a.evidence.empty()) {
        text_colored_wrapped(palette().warning,
                             ICON_WARNING "  No certificate attached. Audits ask for proof "
                                          "within about 30 days.");
    } else {
        for (std::size_t k = 0; k < a.evidence.size(); ++k) {
            ImGui::PushID(int(k));
            text_plain(ICON_FILE);
            ImGui::SameLine();
            if (small_button(a.evidence[k].name.empty() ? "certificate" : a.evidence[k].name.c_str()))
                state.intents.push_back(OpenEvidence{a.evidence[k].sha256});
            ImGui::PopID();
        }
    }

    // Wide panels put the explanations in a second column.
    if (two_columns) {
        ImGui::TableNextColumn();
    } else {
        ImGui::Separator();
    }
    subheading(state, "How it counted");
    if (rc.explanations.empty()) {
        text_muted("Add a credential on the Dashboard to see where this activity counts.");
    }
    for (std::size_t c = 0; c < rc.explanations.size(); ++c) {
        const core::Explanation& e = state.data.evaluation.at(c, std::size_t(rc.selected_index));
        const bool counted = e.applied > core::Credits();
        ImGui::TextColored(counted ? palette().success : palette().muted_text, "%s",
                           counted ? ICON_CHECK : ICON_INFO);
        sem_node(Role::text, counted ? "Counted:" : "Not counted:");
        ImGui::SameLine();
        if (state.fonts.strong)
            ImGui::PushFont(state.fonts.strong);
        text_plain(c < rc.credential_names.size() ? rc.credential_names[c].c_str() : "");
        if (state.fonts.strong)
            ImGui::PopFont();
        ImGui::Indent(24.0f);
        ImGui::PushTextWrapPos(0.0f);
        text_plain(rc.explanations[c].c_str());
        ImGui::PopTextWrapPos();
        draw_course_kind_action(state, a, c, e, rc.credential_names[c]);
#ifdef IMGUI_ENABLE_TEST_ENGINE
        if (semantics_recording_paths()) {
            const std::string label = "explain: " + rc.credential_names[c] + ": " + rc.explanations[c];
            sem_test_label(label.c_str());
        }
#endif
        ImGui::Unindent(24.0f);
    }
    if (two_columns)
        ImGui::EndTable();
    ImGui::EndChild();
}

// [SECTION] Empty states

void draw_no_activities(AppState& state) {
    const float inner = begin_empty_card(state, "no_activities", 210.0f, ICON_LIST, "No activities yet");
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted_text);
    centered_text("Record a course, webinar or CPR class;", inner);
    centered_text("Recert converts it for each credential.", inner);
    ImGui::PopStyleColor();
    if (end_empty_card(ICON_PLUS "  Add activity", inner))
        open_activity_form(state, nullptr);
}

void draw_no_matches(AppState& state) {
    ImGui::Dummy(ImVec2(0, ui_px(16)));
    text_muted("No activities match these filters.");
    if (ImGui::Button("Clear filters##empty"))
        state.filter = ActivityFilter{};
}

} // namespace

// [SECTION] The view

void draw_activities(AppState& state) {
    RowCache& rc = cache();
    refresh_rows(state, rc);

    if (state.data.log.activities.empty()) {
        heading(state, "Activities");
        draw_no_activities(state);
        return;
    }

    draw_toolbar(state, rc);
    refresh_rows(state, rc); // the toolbar may have changed the filter
    ImGui::PushStyleColor(ImGuiCol_Text, palette().muted_text);
    text_fmt("%zu of %zu activities", rc.rows.size(), state.data.log.activities.size());
    ImGui::PopStyleColor();

    if (rc.rows.empty()) {
        draw_no_matches(state);
        return;
    }

    // Side by side only when the table still gets its natural width; otherwise stacked (any
    // window under ~1470 px, phones included), with the details in two columns when wide.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    if (avail.x >= table_natural_width() + ui_px(320.0f) + spacing) {
        const float details_w = std::clamp(avail.x * 0.24f, 280.0f, 400.0f);
        draw_table(state, rc, ImVec2(avail.x - details_w - spacing, avail.y));
        ImGui::SameLine();
        draw_details(state, rc, ImVec2(details_w, avail.y));
    } else {
        // Stacked: the table takes what its rows need (up to about half), the details the rest.
        const bool has_selection = !state.selected_activity.empty();
        const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
        const float content_h = row_h * float(rc.rows.size() + 1) + ImGui::GetStyle().ScrollbarSize + 4.0f;
        const float cap =
            has_selection ? std::max(avail.y * 0.5f, ui_px(160.0f)) : std::max(avail.y - ui_px(70.0f), ui_px(160.0f));
        const float table_h = std::min(content_h, cap);
        draw_table(state, rc, ImVec2(avail.x, table_h));
        draw_details(state, rc, ImVec2(avail.x, 0.0f));
    }
}

} // namespace recert::ui
