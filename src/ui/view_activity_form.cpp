// The Add / Edit activity dialog (the self-reporting tool): every field of a CEC entry, sessions for
// claim-per-session providers, certificates, a per-credential conversion preview and inline
// validation. Saving and deleting are Intents; the controller closes the dialog once stored.
#include "core/explain.h"
#include "core/limits.h"
#include "ui/format.h"
#include "ui/icons.h"
#include "ui/theme.h"
#include "ui/views.h"

#include "imgui.h"
#include "imgui_internal.h" // ImGuiTestEngineHook_*: names inline messages for browser tests
#include "imgui_stdlib.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::ui {
namespace {

// [SECTION] Form-local scratch (UI-only, reset whenever the form opens)

enum Field : int {
    f_title,
    f_provider,
    f_earned,
    f_reported,
    f_amount,
    f_sessions,
    f_notes,
    f_evidence,
    field_count
};
constexpr const char* field_names[field_count] = {"title",  "provider", "earned", "reported",
                                                  "amount", "sessions", "notes",  "evidence"};

struct CategoryOption {
    std::string label; // "NSCA · A (attendance)"
    std::string id;    // "A"
    std::string body;  // "nsca"
};

struct FormScratch {
    bool per_session = false;               // "Claim per session" ticked
    std::vector<std::string> session_hours; // text of each base.sessions[i].hours_claimed
    std::array<bool, field_count> touched{};
    // Fields left this frame: their messages show from the next frame, so the layout does not
    // shift under the click that left them (it would land on the wrong field).
    std::array<bool, field_count> touched_next{};
    std::vector<CategoryOption> categories;
    // What would count: the engine run on the log with this draft, recomputed only when the draft or
    // the log changes.
    std::optional<core::Activity> preview_record;
    std::uint64_t preview_generation = 0;
    std::string preview;
    std::uint64_t uuid_seed = 0;
};

FormScratch& scratch() {
    static FormScratch s;
    return s;
}

std::string trimmed(std::string_view s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a])))
        ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1])))
        --b;
    return std::string(s.substr(a, b - a));
}

// "1.5" or "1,5" (decimal comma) → credits; nullopt when not a number with at most two decimals.
std::optional<core::Credits> parse_amount(std::string_view text) {
    std::string t = trimmed(text);
    std::replace(t.begin(), t.end(), ',', '.');
    if (!t.empty() && t[0] == '.')
        t.insert(t.begin(), '0');
    return core::Credits::parse(t);
}

std::string upper(std::string s) {
    for (char& ch : s)
        ch = char(std::toupper(static_cast<unsigned char>(ch)));
    return s;
}

const core::RulePack* pack_of(const AppState& state, std::size_t c) {
    const auto& results = state.data.evaluation.credentials;
    if (c < results.size() && results[c].pack)
        return results[c].pack;
    if (!state.data.packs)
        return nullptr;
    return state.data.packs->find(state.data.log.credentials[c].body, state.data.today);
}

// "ACSM CPT", "NSCA CSCS", "ACE-CPT", or the custom program's name.
std::string credential_name(const AppState& state, std::size_t c) {
    const core::Credential& cred = state.data.log.credentials[c];
    if (cred.custom && !cred.custom->name.empty())
        return cred.custom->name;
    const std::string body = upper(cred.body);
    const core::RulePack* pack = pack_of(state, c);
    const core::Program* program = pack ? pack->find_program(cred.program) : nullptr;
    const std::string shortn = program && !program->short_name.empty() ? program->short_name : cred.program;
    if (shortn.rfind(body, 0) == 0)
        return shortn;
    return shortn.empty() ? body : body + " " + shortn;
}

void credits_text(char* buf, std::size_t size, core::Credits c, std::string_view unit) {
    const std::string s = c.to_short_string();
    std::snprintf(buf, size, "%s %.*s", s.c_str(), int(unit.size()), unit.data());
}

// [SECTION] Building the record from the form

struct Built {
    core::Activity record;
    std::vector<core::FieldError> errors;
    bool sessions_shown = false;
};

Built build(const AppState& state) {
    const ActivityForm& form = state.activity_form;
    const FormScratch& fs = scratch();
    const DateStyle style = state.settings.date_style;
    Built b;
    b.record = form.base;
    core::Activity& r = b.record;
    std::vector<core::FieldError> parse_errors;
    // A typed date that did not parse: the allowed range when its year is outside it (year 0001), else
    // how to type one.
    auto unparsed = [](const std::string& typed, std::string how) {
        const std::string range = core::typed_date_problem(typed);
        return range.empty() ? how : range + ".";
    };

    const auto earned = parse_date_input(form.earned, style, state.locale_date_style);
    if (earned)
        r.earned = *earned;
    else
        parse_errors.push_back(
            {"earned",
             unparsed(form.earned, std::string(trimmed(form.earned).empty() ? "Enter the date earned, like "
                                                                            : "Enter a date like ") +
                                       date_hint(style) + ".")});
    r.reported.reset();
    if (!trimmed(form.reported).empty()) {
        if (const auto rep = parse_date_input(form.reported, style, state.locale_date_style))
            r.reported = *rep;
        else
            parse_errors.push_back(
                {"reported", unparsed(form.reported, std::string("Enter a date like ") + date_hint(style) +
                                                         ", or leave it empty.")});
    }

    b.sessions_shown = fs.per_session || r.format == core::Format::conference_session || !r.sessions.empty();
    if (!b.sessions_shown)
        r.sessions.clear();
    for (std::size_t k = 0; k < r.sessions.size(); ++k) {
        const auto h = k < fs.session_hours.size() ? parse_amount(fs.session_hours[k]) : std::nullopt;
        r.sessions[k].hours_claimed = h ? *h : core::Credits();
    }

    const auto amount = parse_amount(form.amount);
    const bool amount_typed = !trimmed(form.amount).empty();
    r.amount = amount ? *amount : core::Credits();
    if (r.sessions.empty() && amount_typed && !amount)
        parse_errors.push_back({"amount", "Enter the credits, e.g. 1.5"});

    b.errors = core::validate_activity(r, state.data.today);
    // A field that did not parse has one message: how to type it (not the validator's view of a default).
    for (const core::FieldError& pe : parse_errors)
        std::erase_if(b.errors, [&](const core::FieldError& e) { return e.field == pe.field; });
    if (!earned)
        std::erase_if(b.errors, [](const core::FieldError& e) { return e.field == "reported"; });
    b.errors.insert(b.errors.begin(), parse_errors.begin(), parse_errors.end());
    return b;
}

// [SECTION] What would count

// The rules engine on the log with the draft in it (in place of the record it edits), so the preview
// shows what would actually be applied — after yearly caps, the credit window, category limits and
// sharing — and why when it is less: "ACSM CPT: Counted partly: 5 of 7 CEC applied: CPR/AED/First Aid
// cap of 5 for 2025 reached."
void refresh_preview(const AppState& state, const core::Activity& r) {
    FormScratch& fs = scratch();
    if (fs.preview_record && *fs.preview_record == r && fs.preview_generation == state.data.generation)
        return;
    fs.preview_record = r;
    fs.preview_generation = state.data.generation;
    fs.preview.clear();
    if (!state.data.packs) {
        fs.preview = "no rules loaded";
        return;
    }
    std::vector<core::Activity> activities = state.data.log.activities;
    std::size_t at = activities.size();
    for (std::size_t i = 0; i < activities.size(); ++i)
        if (activities[i].id == r.id) at = i;
    if (at == activities.size()) activities.push_back(r);
    else activities[at] = r;
    const core::Evaluation ev = core::evaluate(*state.data.packs, state.data.log.credentials, activities, state.data.today);
    for (std::size_t c = 0; c < state.data.log.credentials.size() && c < ev.credentials.size(); ++c) {
        if (!fs.preview.empty())
            fs.preview += "  \xc2\xb7  "; // middle dot
        fs.preview += credential_name(state, c);
        fs.preview += ": ";
        const core::Explanation& e = ev.at(c, at);
        if (e.reason == core::Reason::counted) {
            char buf[64];
            credits_text(buf, sizeof buf, e.applied, ev.credentials[c].pack ? ev.credentials[c].pack->unit : "");
            fs.preview += buf;
        } else {
            fs.preview += core::describe(e, ev, activities, state.data.log.credentials);
        }
    }
}

// [SECTION] Layout helpers

// Fields side by side: `columns` a row when the dialog is wide, two a row on a phone.
struct Row {
    bool table = false;
    Row(const char* id, bool wide, int columns = 2) {
        if (!wide)
            columns = 2;
        // Vertical cell padding of half an item spacing: rows space like the stacked fields.
        const ImGuiStyle& st = ImGui::GetStyle();
        ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(st.CellPadding.x, st.ItemSpacing.y * 0.5f));
        table = ImGui::BeginTable(id, columns, ImGuiTableFlags_SizingStretchSame);
        ImGui::PopStyleVar();
        if (table)
            ImGui::TableNextRow();
    }
    void cell() const {
        if (!table)
            return;
        ImGui::TableNextColumn();
        // Tables share one text baseline per row; each cell here starts with a plain label.
        ImGui::GetCurrentWindow()->DC.CurrLineTextBaseOffset = 0.0f;
    }
    ~Row() {
        if (table)
            ImGui::EndTable();
    }
};

void touch_on_leave(Field f) {
    if (ImGui::IsItemDeactivated())
        scratch().touched_next[std::size_t(f)] = true;
}

// The inline messages of field `f`, once the person has been there (tests see "error: <message>").
void errors_for(const std::vector<core::FieldError>& errors, Field f, bool force = false) {
    if (!force && !scratch().touched[std::size_t(f)])
        return;
    const ImGuiID field = ImGui::GetItemID();
    for (const core::FieldError& e : errors) {
        if (e.field != field_names[f])
            continue;
        text_colored_wrapped(palette().danger, e.message.c_str());
        describe_error(field, e.message);
        char label[320];
        std::snprintf(label, sizeof label, "error: %s", e.message.c_str());
        sem_test_label(label);
    }
}
void errors_for(const Built& b, Field f) {
    errors_for(b.errors, f);
}

template <class E, int N>
bool enum_combo(const char* id, E& value, const char* (*label_of)(E)) {
    bool changed = false;
    ImGui::SetNextItemWidth(-1.0f);
    if (begin_combo(id, label_of(value))) {
        for (int i = 0; i < N; ++i) {
            ImGui::PushID(i);
            if (ImGui::Selectable(label_of(E(i)), value == E(i))) {
                value = E(i);
                changed = true;
            }
            ImGui::PopID();
        }
        end_combo();
    }
    return changed;
}

const char* unit_display(core::Unit u) {
    return core::unit_label(u).data(); // the labels are literals: NUL-terminated
}
const char* status_display(core::ActivityStatus s) {
    static std::string labels[6];
    std::string& l = labels[int(s)];
    if (l.empty())
        l = std::string(status_label(s));
    return l.c_str();
}

// [SECTION] Sections of the dialog

void draw_category(AppState& state) {
    ActivityForm& form = state.activity_form;
    FormScratch& fs = scratch();
    text_plain("Credit type / category");
    const float arrow = ImGui::GetFrameHeight();
    ImGui::SetNextItemWidth(-(arrow + ImGui::GetStyle().ItemInnerSpacing.x));
    ImGui::InputTextWithHint("##category", fs.categories.empty() ? "e.g. general" : "Pick or type",
                             &form.base.category);
    name_field("Credit type / category", form.base.category);
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
    if (begin_combo("##category_pick", nullptr,
                    ImGuiComboFlags_NoPreview | ImGuiComboFlags_PopupAlignLeft | ImGuiComboFlags_HeightLarge,
                    "Pick a credit type")) {
        if (fs.categories.empty())
            text_disabled("Add a credential to list its credit types");
        for (std::size_t k = 0; k < fs.categories.size(); ++k) {
            const CategoryOption& o = fs.categories[k];
            ImGui::PushID(int(k));
            if (ImGui::Selectable(o.label.c_str(), form.base.category == o.id)) {
                form.base.category = o.id;
                std::erase_if(form.base.category_for,
                              [&](const core::BodyCategory& bc) { return bc.body == o.body; });
            }
            ImGui::PopID();
        }
        end_combo();
    }
}

void draw_sessions(AppState& state, const Built& b) {
    ActivityForm& form = state.activity_form;
    FormScratch& fs = scratch();
    std::vector<core::Session>& sessions = form.base.sessions;
    fs.session_hours.resize(sessions.size());
    const bool final_statement = form.base.statement_printed.has_value();
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool wide = avail >= 480.0f; // three fields a row; two on a phone
    const ImGuiStyle& st = ImGui::GetStyle();
    const float hours_w = 70.0f;
    const float eval_w = ImGui::CalcTextSize("Evaluated").x + ImGui::GetFrameHeight() + st.ItemInnerSpacing.x;
    const float remove_w = ImGui::GetFrameHeight();

    if (final_statement) {
        char d[24];
        const std::string ds = format_date(*form.base.statement_printed, state.settings.date_style);
        std::snprintf(d, sizeof d, "%s", ds.c_str());
        text_muted("Statement of credit printed on %s: the sessions are final.", d);
    }
    ImGui::BeginDisabled(final_statement);
    labeled_input("Badge ID (live meeting) or Group ID (teleconference)", "##claim_id", form.base.claim_id,
                  "Optional unless the provider asks for it");
    if (sessions.empty())
        text_muted("No sessions yet. Add each session you attended, with its hours.");
    for (std::size_t k = 0; k < sessions.size(); ++k) {
        ImGui::PushID(int(k));
        char id[40];
        std::snprintf(id, sizeof id, "##session_title_%zu", k);
        ImGui::SetNextItemWidth(wide ? avail - hours_w - eval_w - remove_w - 3 * st.ItemSpacing.x : -1.0f);
        ImGui::InputTextWithHint(id, "Session title", &sessions[k].title);
        char name[48];
        std::snprintf(name, sizeof name, "Session %zu title", k + 1);
        name_field(name, sessions[k].title);
        if (wide)
            ImGui::SameLine();
        std::snprintf(id, sizeof id, "##session_hours_%zu", k);
        ImGui::SetNextItemWidth(hours_w);
        ImGui::InputTextWithHint(id, "Hours", &fs.session_hours[k]);
        std::snprintf(name, sizeof name, "Session %zu hours", k + 1);
        name_field(name, fs.session_hours[k]);
        ImGui::SameLine();
        std::snprintf(id, sizeof id, "Evaluated##session_eval_%zu", k);
        ImGui::Checkbox(id, &sessions[k].evaluation_done);
        ImGui::SameLine();
        std::snprintf(id, sizeof id, ICON_TIMES "##session_remove_%zu", k);
        bool removed = ImGui::Button(id, ImVec2(remove_w, 0));
        std::snprintf(name, sizeof name, "Remove session %zu", k + 1);
        name_item(Role::button, name);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Remove this session");
        ImGui::PopID();
        if (removed) {
            sessions.erase(sessions.begin() + std::ptrdiff_t(k));
            fs.session_hours.erase(fs.session_hours.begin() + std::ptrdiff_t(k));
            break;
        }
    }
    // The add row.
    ImGui::SetNextItemWidth(wide ? avail - hours_w - eval_w - remove_w - 3 * st.ItemSpacing.x : -1.0f);
    ImGui::InputTextWithHint("##new_session_title", "New session title", &form.new_session_title);
    name_field("New session title", form.new_session_title);
    if (wide)
        ImGui::SameLine();
    ImGui::SetNextItemWidth(hours_w);
    ImGui::InputTextWithHint("##new_session_hours", "Hours", &form.new_session_hours);
    name_field("New session hours", form.new_session_hours);
    ImGui::SameLine();
    const auto new_hours = parse_amount(form.new_session_hours);
    const bool can_add =
        !trimmed(form.new_session_title).empty() && new_hours && *new_hours > core::Credits();
    ImGui::BeginDisabled(!can_add);
    if (ImGui::Button(ICON_PLUS " Add session###Add session")) {
        sessions.push_back({trimmed(form.new_session_title), *new_hours, false});
        fs.session_hours.push_back(new_hours->to_short_string());
        form.new_session_title.clear();
        form.new_session_hours.clear();
        fs.touched[f_sessions] = true;
    }
    ImGui::EndDisabled();
    ImGui::EndDisabled();

    if (!b.record.sessions.empty()) {
        core::Credits all;
        for (const core::Session& s : b.record.sessions)
            all += s.hours_claimed;
        char buf[64], total[64];
        credits_text(buf, sizeof buf, b.record.effective_amount(), core::unit_label(form.base.unit));
        credits_text(total, sizeof total, all, core::unit_label(form.base.unit));
        text_muted("Counts: %s of %s claimed (only sessions with the evaluation done count).", buf, total);
#ifdef IMGUI_ENABLE_TEST_ENGINE
        if (semantics_recording_paths()) {
            char label[96];
            std::snprintf(label, sizeof label, "session total: %s of %s",
                          b.record.effective_amount().to_short_string().c_str(),
                          all.to_short_string().c_str());
            sem_test_label(label);
        }
#endif
    }
    if (!fs.touched[f_sessions] && !sessions.empty())
        fs.touched[f_sessions] = true;
    errors_for(b, f_sessions);
}

void consume_picked_file(AppState& state) {
    if (!state.picked || state.picked_purpose != FilePurpose::activity_evidence)
        return;
    ActivityForm& form = state.activity_form;
    PickedFile f = std::move(*state.picked);
    state.picked.reset();
    state.file_error.clear();
    const bool already = std::any_of(form.base.evidence.begin(), form.base.evidence.end(),
                                     [&](const core::EvidenceRef& e) { return e.sha256 == f.ref.sha256; });
    if (already) {
        notify(state, "That file is already attached.");
        return;
    }
    form.base.evidence.push_back(f.ref);
    form.new_files.push_back(std::move(f));
}

void draw_evidence(AppState& state, const Built& b) {
    ActivityForm& form = state.activity_form;
    text_plain("Certificates and proof");
    for (std::size_t k = 0; k < form.base.evidence.size(); ++k) {
        const core::EvidenceRef& ref = form.base.evidence[k];
        const bool is_new = std::any_of(form.new_files.begin(), form.new_files.end(),
                                        [&](const PickedFile& f) { return f.ref.sha256 == ref.sha256; });
        ImGui::PushID(int(k));
        text_plain(ICON_FILE);
        ImGui::SameLine();
        if (is_new) {
            text_plain(ref.name.empty() ? "certificate" : ref.name.c_str());
            ImGui::SameLine();
            text_colored(palette().muted_text, "(new)");
        } else if (small_button(ref.name.empty() ? "certificate" : ref.name.c_str())) {
            state.intents.push_back(OpenEvidence{ref.sha256});
        }
        ImGui::SameLine();
        char id[48];
        std::snprintf(id, sizeof id, "Remove##evidence_remove_%zu", k);
        const bool remove = small_button(id);
        ImGui::PopID();
        if (remove) {
            const std::string sha = ref.sha256;
            form.base.evidence.erase(form.base.evidence.begin() + std::ptrdiff_t(k));
            std::erase_if(form.new_files, [&](const PickedFile& f) { return f.ref.sha256 == sha; });
            break;
        }
    }
    if (ImGui::Button(ICON_UPLOAD " Attach certificate\xe2\x80\xa6###Attach certificate\xe2\x80\xa6"))
        state.intents.push_back(RequestFile{FilePurpose::activity_evidence, ""});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Pick a PDF or image, or drop one on the page.");
    ImGui::SameLine();
    if (form.base.evidence.empty())
        text_colored_wrapped(palette().warning,
                             ICON_WARNING " None yet: audits ask for proof within ~30 days.");
    else
        text_muted("or drop a PDF or image on the page");
    if (!state.file_error.empty())
        text_colored_wrapped(palette().danger, state.file_error.c_str());
    errors_for(b.errors, f_evidence, true);
}

void save(AppState& state, const Built& b) {
    ActivityForm& form = state.activity_form;
    SaveActivity s;
    s.record = b.record;
    s.record.title = trimmed(s.record.title);
    s.record.rev = form.is_new ? 0 : form.base.rev;
    if (form.is_new)
        s.record.source = core::ActivitySource::self_reported;
    s.files = form.new_files;
    state.intents.push_back(std::move(s));
}

} // namespace

// [SECTION] Opening

void open_activity_form(AppState& state, const core::Activity* existing) {
    ActivityForm& form = state.activity_form;
    FormScratch& fs = scratch();
    const DateStyle style = state.settings.date_style;
    form = ActivityForm{};
    fs = FormScratch{};
    form.open = true;
    form.focus_first = true;
    form.is_new = existing == nullptr;
    state.file_error.clear();
    if (existing) {
        form.base = *existing;
        form.earned = format_date(existing->earned, style);
        if (existing->reported)
            form.reported = format_date(*existing->reported, style);
        form.amount = existing->amount.is_zero() && !existing->sessions.empty()
                          ? ""
                          : existing->amount.to_short_string();
        for (const core::Session& s : existing->sessions)
            fs.session_hours.push_back(s.hours_claimed.to_short_string());
        fs.per_session = !existing->sessions.empty();
        fs.touched.fill(true); // an existing record shows its problems at once
    } else {
        core::Activity a;
        fs.uuid_seed = static_cast<std::uint64_t>(ImGui::GetTime() * 1000.0) ^ (state.data.generation << 32) ^
                       std::uint64_t(state.data.log.activities.size());
        a.id = new_uuid(fs.uuid_seed);
        a.rev = 0;
        a.earned = state.data.today;
        a.status = core::ActivityStatus::posted;
        a.source = core::ActivitySource::self_reported;
        a.unit = core::Unit::cec;
        // Default unit: the first credential's unit when the app knows it ("CEU" for NSCA).
        for (std::size_t c = 0; c < state.data.log.credentials.size(); ++c) {
            if (const core::RulePack* p = pack_of(state, c)) {
                std::string u = p->unit;
                for (char& ch : u)
                    ch = char(std::tolower(static_cast<unsigned char>(ch)));
                if (const auto parsed = core::parse_unit(u))
                    a.unit = *parsed;
                break;
            }
        }
        form.base = std::move(a);
        form.earned = format_date(state.data.today, style);
    }
    // Credit types of the person's credentials' packs, once per body.
    std::vector<std::string> bodies;
    for (std::size_t c = 0; c < state.data.log.credentials.size(); ++c) {
        const core::RulePack* p = pack_of(state, c);
        if (!p || std::find(bodies.begin(), bodies.end(), p->body) != bodies.end())
            continue;
        bodies.push_back(p->body);
        const std::string who = p->body == "custom" ? credential_name(state, c) : upper(p->body);
        for (const core::Category& cat : p->categories)
            fs.categories.push_back(
                {who + " \xc2\xb7 " + (cat.name.empty() ? cat.id : cat.name), cat.id, p->body});
    }
}

// [SECTION] The dialog

void draw_activity_dialog(AppState& state) {
    ActivityForm& form = state.activity_form;
    // A certificate dropped on the Activities view starts a new entry with it attached.
    if (state.picked && state.picked_purpose == FilePurpose::activity_evidence && !form.open &&
        state.view == View::activities)
        open_activity_form(state, nullptr);
    if (form.open)
        consume_picked_file(state);

    if (!begin_dialog("Activity", &form.open, 640.0f))
        return;
    FormScratch& fs = scratch();
    for (int f = 0; f < field_count; ++f)
        if (fs.touched_next[std::size_t(f)])
            fs.touched[std::size_t(f)] = true;
    fs.touched_next.fill(false);
    begin_dialog_body(); // the fields scroll; Save and Cancel stay on screen
    const Built b = build(state);
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool wide = avail >= 480.0f; // three fields a row; two on a phone

    if (!form.is_new && form.base.source != core::ActivitySource::self_reported)
        text_muted("Imported from a provider; your edits are kept as entered.");

    // Title.
    // Focus the title once the dialog has its size (focusing while it appears scrolls it).
    if (form.focus_first && !ImGui::IsWindowAppearing()) {
        ImGui::SetKeyboardFocusHere(); // the title input (the label above it takes no focus)
        form.focus_first = false;
    }
    labeled_input("Course or activity title", "##title", form.base.title,
                  "e.g. Exercise and the aging adult");
    required_field();
    touch_on_leave(f_title);
    errors_for(b, f_title);

    {
        Row row("##row_provider", wide, 3);
        row.cell();
        labeled_input("Provider", "##provider", form.base.provider, "e.g. ACSM");
        touch_on_leave(f_provider);
        errors_for(b, f_provider);
        row.cell();
        labeled_input("Approval number", "##approval", form.base.provider_approval, "Optional");
        row.cell();
        labeled_input("Course number", "##course_number", form.base.course_number, "Optional");
    }
    {
        Row row("##row_dates", wide, 3);
        row.cell();
        labeled_input("Date earned", "##earned", form.earned, date_hint(state.settings.date_style));
        required_field();
        touch_on_leave(f_earned);
        errors_for(b, f_earned);
        row.cell();
        labeled_input("Date reported", "##reported", form.reported, date_hint(state.settings.date_style));
        touch_on_leave(f_reported);
        errors_for(b, f_reported);
        row.cell();
        text_plain("Format");
        enum_combo<core::Format, core::format_count>("##format", form.base.format, format_display);
    }
    {
        Row row("##row_amount", wide, 3);
        row.cell();
        if (b.record.sessions.empty()) {
            labeled_input("Credits", "##amount", form.amount, "e.g. 1.5");
            required_field();
            touch_on_leave(f_amount);
            errors_for(b, f_amount);
        } else {
            text_plain("Credits");
            char buf[64];
            credits_text(buf, sizeof buf, b.record.effective_amount(), "from sessions");
            text_colored(palette().muted_text, "%s", buf);
        }
        row.cell();
        text_plain("Unit");
        enum_combo<core::Unit, core::unit_count>("##unit", form.base.unit, unit_display);
        row.cell();
        text_plain("Status");
        enum_combo<core::ActivityStatus, 6>("##status", form.base.status, status_display);
    }
    if (form.base.status == core::ActivityStatus::planned)
        text_muted("Planned entries only feed the planner; they count once you mark them posted.");
    draw_category(state);

    // What it counts for, per credential (before yearly caps and category limits).
    if (!state.data.log.credentials.empty()) {
        refresh_preview(state, b.record);
        text_colored(palette().muted_text, "Counts as");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("What would count for each credential with this entry in your log: each body's\n"
                              "conversions, yearly caps, credit window and category limits applied.");
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0.0f);
        // The credit window and yearly caps depend on the date earned: no preview without one.
        const bool earned_ok = std::none_of(b.errors.begin(), b.errors.end(),
                                            [](const core::FieldError& e) { return e.field == "earned"; });
        if (!earned_ok) {
            text_colored(palette().muted_text, "(enter the date earned)");
        } else if (b.record.effective_amount() > core::Credits()) {
            ImGui::PushStyleColor(ImGuiCol_Text, palette().accent_ink);
            text_plain(fs.preview.c_str());
            ImGui::PopStyleColor();
#ifdef IMGUI_ENABLE_TEST_ENGINE
            if (semantics_recording_paths())
                sem_test_label(("preview: " + fs.preview).c_str());
#endif
        } else {
            text_colored(palette().muted_text, "(enter the credits)");
        }
        ImGui::PopTextWrapPos();
    }

    // Sessions (ASM-style claim per session).
    if (form.base.format == core::Format::conference_session || !form.base.sessions.empty()) {
        text_plain("Sessions");
        draw_sessions(state, b);
    } else {
        ImGui::Checkbox("Claim per session", &fs.per_session);
        if (fs.per_session)
            draw_sessions(state, b);
    }

    labeled_multiline("Notes", "##notes", form.base.notes, 44.0f);
    touch_on_leave(f_notes);
    errors_for(b, f_notes);

    ImGui::Spacing();
    draw_evidence(state, b);

    end_dialog_body();
    // Footer.
    ImGui::Separator();
    const bool valid = b.errors.empty();
    if (!valid) {
        // Messages of fields the person has not reached yet: say what Save waits for.
        std::string waiting;
        for (const core::FieldError& e : b.errors) {
            bool shown = false;
            for (int f = 0; f < field_count; ++f)
                if (e.field == field_names[f] && fs.touched[std::size_t(f)])
                    shown = true;
            if (shown)
                continue;
            if (!waiting.empty())
                waiting += ' ';
            waiting += e.message;
        }
        if (waiting.empty())
            text_muted("Fix the fields marked in red to save.");
        else
            text_muted("To save: %s", waiting.c_str());
        sem_test_label("save hint");
    }
    ImGui::BeginDisabled(!valid || state.busy.active);
    if (primary_button("Save", 110.0f))
        save(state, b);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(ui_px(100.0f), 0)))
        form.open = false;
    if (state.busy.active) {
        ImGui::SameLine();
        text_muted("%s", state.busy.label.c_str());
    }
    if (!form.is_new) {
        ImGui::SameLine();
        const float w = 100.0f;
        const float x = ImGui::GetWindowContentRegionMax().x - w;
        if (x > ImGui::GetCursorPosX())
            ImGui::SetCursorPosX(x);
        ImGui::BeginDisabled(state.busy.active);
        if (danger_button("Delete", w))
            state.intents.push_back(DeleteActivity{form.base.id});
        ImGui::EndDisabled();
    }
    // Keep the dialog on screen as it grows (sessions, messages): begin_dialog centres it only
    // when it appears.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const float bottom = vp->WorkPos.y + vp->WorkSize.y - 12.0f;
    if (pos.y + size.y > bottom)
        ImGui::SetWindowPos(ImVec2(pos.x, std::max(vp->WorkPos.y + 12.0f, bottom - size.y)));
    if (!form.open)
        ImGui::CloseCurrentPopup();
    end_dialog();
}

} // namespace recert::ui
