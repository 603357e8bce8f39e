// Issue #18 ("What people hit in their first week"), items 5, 6 and 8 as the screens show them: the
// renewal checklist and cart say only what the body requires, tiles never overstate progress, the
// activity form previews what the rules engine would really apply, and the credential form is quiet
// until the person has been there and reads dates in the locale's format.
#include "ui_harness.h"

#include "ui/format.h"

#include <algorithm>
#include "imgui_internal.h"

using namespace recert;
using test::UiHarness;

namespace {

// Whether any node of the last frame has `text` in its name or value.
bool shows(std::string_view text) {
    for (const ui::SemNode& n : ui::semantics_nodes())
        if (n.name.find(text) != std::string::npos || n.value.find(text) != std::string::npos)
            return true;
    return false;
}

core::Activity cec(std::string id, const char* earned, const char* amount, const char* category = "",
                   core::Unit unit = core::Unit::cec, core::Format format = core::Format::live) {
    core::Activity a = test::activity(std::move(id), "Course " + std::string(earned), earned, amount, format);
    a.category = category;
    a.unit = unit;
    return a;
}

core::Credential naaei_cam(const char* first, const char* last) {
    core::Credential c = test::credential("cam", "naaei", "cam", first, last);
    c.certified_on = test::day("2015-06-01");
    return c;
}

core::Log log_of(core::Credential credential, std::vector<core::Activity> activities = {}) {
    core::Log log;
    log.credentials.push_back(std::move(credential));
    log.activities = std::move(activities);
    return log;
}

// Opens the Add activity dialog over `h` with a draft of `amount` CEC earned on `earned`, drawn.
void draft_activity(UiHarness& h, core::Format format, const char* earned, const char* amount) {
    ui::open_activity_form(h.state, nullptr);
    h.state.activity_form.base.format = format;
    h.state.activity_form.base.unit = core::Unit::cec;
    h.state.activity_form.earned = earned;
    h.state.activity_form.amount = amount;
    h.frames();
}

} // namespace

TEST_CASE("a NAAEI renewal checklist asks for no CPR card and shows no $0.00 fee") {
    UiHarness h;
    h.load(log_of(naaei_cam("2025-01-01", "2025-12-31"), {cec("in", "2024-03-01", "8", "in_network")}), "2025-02-01");
    REQUIRE(h.state.data.evaluation.credentials[0].status == core::CredentialStatus::ready_to_renew);
    h.state.cart = {"cam"};
    h.open(ui::View::renewal);
    h.frames();
    CHECK(shows("Credits complete: 100% 8 of 8"));
    CHECK_FALSE(shows("CPR"));
    CHECK_FALSE(shows("$0.00"));
    CHECK(shows("Fee: not listed by NAAEI \xe2\x80\x94 check with them"));
    CHECK(shows("Not listed"));
    CHECK(shows("The total leaves out the fees a body does not publish"));
    CHECK_FALSE(shows("is ready to renew")); // (the program's name, never its id, where it is listed)
}

TEST_CASE("an ACSM renewal checklist still asks for the CPR/AED certificate and lists its fee") {
    UiHarness h;
    h.load(test::two_credentials());
    h.state.cart = {"cred-cpt"};
    h.open(ui::View::renewal);
    h.frames();
    CHECK(shows("Current CPR/AED (or BLS/ACLS) certificate uploaded"));
    CHECK(shows("Fee due: $60.00"));
}

TEST_CASE("the ASM tile shows no 0 of 0 gauge and says what the portal asks for") {
    UiHarness h(log_of(test::credential("asm", "asm", "transcript", "2025-01-01", "2025-12-31"),
                       {cec("s", "2025-03-01", "1.5", "", core::Unit::cme)}));
    CHECK_FALSE(shows("0 of 0"));
    CHECK_FALSE(shows("100%"));
    CHECK_FALSE(shows("Ready to renew"));
    CHECK(shows("No credit total: claim credit for each session you attend"));
    CHECK(shows("Nothing to renew: a record of your credits"));
    CHECK(test::find_node(ui::Role::button, "Renew") == nullptr);
    h.open(ui::View::planner); // nor a "Complete" in the planner
    h.frames();
    CHECK(shows("No credit total"));
    CHECK_FALSE(shows("Complete"));
}

TEST_CASE("an NCCPA tile short of Category 1 reads 95 of 100 and says what is missing") {
    UiHarness h(log_of(test::credential("pa", "nccpa", "pa_c", "2024-01-01", "2025-12-31"),
                       {cec("c1", "2024-06-01", "45", "cat1", core::Unit::cme),
                        cec("c2", "2024-07-01", "60", "cat2", core::Unit::cme)}));
    CHECK_FALSE(shows("100%"));
    CHECK_FALSE(shows("100 of 100"));
    CHECK(shows("95 of 100 CME"));
    CHECK(shows("5 remaining"));
    CHECK(shows("Category 1: 5 more CME needed (at least 50)"));
}

TEST_CASE("an ACSM EP tile at 50 of 60 shows 10 remaining") {
    UiHarness h(log_of(test::credential("ep", "acsm", "ep", "2024-01-01", "2026-12-31"), {cec("a", "2024-06-01", "50")}));
    CHECK(shows("50 of 60 CEC"));
    CHECK(shows("10 remaining"));
}

TEST_CASE("a NAAEI tile says which year's CECs count") {
    UiHarness h(log_of(naaei_cam("2025-01-01", "2025-12-31")));
    CHECK(shows("Only credits earned in 2024 count toward this renewal"));
}

TEST_CASE("the activity form previews what the 2025 CPR cap really applies") {
    UiHarness h(log_of(test::credential("cpt", "acsm", "cpt", "2024-01-01", "2026-12-31")));
    draft_activity(h, core::Format::cpr_aed_first_aid, "2025-04-01", "7");
    CHECK(shows("ACSM CPT: Counted partly: 5 of 7 CEC applied: CPR/AED/First Aid cap of 5 for 2025 reached."));
    CHECK_FALSE(shows("ACSM CPT: 7 CEC"));
    // Without a date earned there is nothing to preview (not "earned 0001-01-01, before the window").
    h.state.activity_form.earned.clear();
    h.frames();
    CHECK(shows("(enter the date earned)"));
    CHECK_FALSE(shows("ACSM CPT:"));
}

TEST_CASE("the activity form previews a 2026 course as not counting for the NAAEI renewal that uses 2025") {
    UiHarness h;
    h.load(log_of(naaei_cam("2026-01-01", "2026-12-31")), "2026-03-01");
    h.frames();
    draft_activity(h, core::Format::live, "2026-02-01", "3");
    CHECK(shows("NAAEI CAM: Not counted: earned 2026-02-01, after the credit window 2025-01-01 to 2025-12-31."));
    CHECK_FALSE(shows("NAAEI CAM: 3 CEC"));
}

TEST_CASE("the Add credential dialog shows no error before anything is typed, and all of them after Save") {
    UiHarness h;
    h.load(core::Log{});
    h.frames();
    ui::open_credential_form(h.state, nullptr);
    h.frames();
    CHECK_FALSE(shows("Choose a certifying body."));
    CHECK_FALSE(shows("Enter a date like"));
    const ui::SemNode* save = test::find_node(ui::Role::button, "Save");
    REQUIRE(save);
    CHECK_FALSE(save->disabled);
    h.click(save->id);
    CHECK(shows("Choose a certifying body."));
    CHECK(shows("Enter a date like"));
    CHECK(h.state.credential_form.open); // nothing was saved
}

TEST_CASE("dates typed in the locale's format are read while ISO is chosen, and the default follows the locale") {
    CHECK(ui::date_style_for_locale("en-US") == ui::DateStyle::us);
    CHECK(ui::date_style_for_locale("de-DE") == ui::DateStyle::europe);
    CHECK(ui::date_style_for_locale("en-GB") == ui::DateStyle::iso);
    CHECK(ui::parse_date_input("3/15/2021", ui::DateStyle::iso, ui::DateStyle::us) == test::day("2021-03-15"));
    CHECK(ui::parse_date_input("2021-03-15", ui::DateStyle::us, ui::DateStyle::us) == test::day("2021-03-15"));
    CHECK_FALSE(ui::parse_date_input("3/15/2021", ui::DateStyle::iso, ui::DateStyle::iso));
    ui::AppState state;
    ui::set_locale(state, "en-US");
    CHECK(state.settings.date_style == ui::DateStyle::us);
}

TEST_CASE("an ACSM certification typed as 3/15/2021 prefills the cycle 1/1/2024 - 12/31/2026") {
    UiHarness h;
    h.load(core::Log{}, "2025-06-01");
    ui::set_locale(h.state, "en-US");
    h.state.settings.date_style = ui::DateStyle::iso; // the person chose ISO; the locale's format still reads
    h.frames();
    ui::open_credential_form(h.state, nullptr);
    // The picker lists one entry per body by name; choose ACSM's Certified Personal Trainer.
    std::vector<const core::RulePack*> bodies;
    for (const core::RulePack& p : test::packs().packs)
        if (std::none_of(bodies.begin(), bodies.end(), [&](auto* q) { return q->body == p.body; }))
            bodies.push_back(h.state.data.packs->find(p.body, h.state.data.today));
    std::sort(bodies.begin(), bodies.end(), [](auto* a, auto* b) { return a->name < b->name; });
    for (std::size_t i = 0; i < bodies.size(); ++i)
        if (bodies[i]->body == "acsm") h.state.credential_form.body = static_cast<int>(i);
    const core::RulePack& acsm = *bodies[static_cast<std::size_t>(h.state.credential_form.body)];
    for (std::size_t j = 0; j < acsm.programs.size(); ++j)
        if (acsm.programs[j].id == "cpt") h.state.credential_form.program = static_cast<int>(j);
    h.frames();
    const ui::SemNode* field = test::find_node(ui::Role::textbox, "Certification date");
    REQUIRE(field);
    h.click(field->id);
    ImGui::GetIO().AddInputCharactersUTF8("3/15/2021");
    h.frames();
    CHECK(h.state.credential_form.cycle_start == "2024-01-01");
    CHECK(h.state.credential_form.cycle_end == "2026-12-31");
    CHECK_FALSE(shows("Enter a date like"));
}

TEST_CASE("a refusal said while a dialog is open shows inside the dialog, not under its backdrop") {
    UiHarness h;
    h.load(test::two_credentials());
    ui::open_activity_form(h.state, nullptr);
    h.frames();
    ui::notify(h.state, "Not saved: activities earned 2024-01-01 to 2026-12-31 are locked for ACSM CPT", true);
    h.frames();
    const ui::SemNode* dialog = nullptr;
    const ui::SemNode* alert = nullptr;
    for (const ui::SemNode& n : ui::semantics_nodes()) {
        if (n.role == ui::Role::dialog) dialog = &n;
        if (n.role == ui::Role::alert && n.name.find("Not saved: activities earned") != std::string::npos) alert = &n;
    }
    REQUIRE(dialog);
    REQUIRE(alert);
    // Drawn within the dialog's rectangle (the toast window would sit at the bottom of the page).
    CHECK(alert->y >= dialog->y);
    CHECK(alert->y + alert->h <= dialog->y + dialog->h);
    CHECK(alert->x >= dialog->x);
    int alerts = 0;
    for (const ui::SemNode& n : ui::semantics_nodes())
        alerts += n.role == ui::Role::alert && n.name.find("Not saved") != std::string::npos;
    CHECK(alerts == 1); // said once: not also in the toast window

    // With no dialog open the same message is a toast again.
    h.state.activity_form.open = false;
    h.frames();
    ui::notify(h.state, "Not saved: something else", true);
    h.frames();
    bool toast = false;
    for (const ui::SemNode& n : ui::semantics_nodes()) toast = toast || n.name.find("Not saved: something else") != std::string::npos;
    CHECK(toast);
}

TEST_CASE("before any provider is set up, Settings says what setting one up would do, not that all was sent") {
    UiHarness h(1280, 3000); // tall enough that the Sync section is on screen
    h.load(test::two_credentials());
    h.state.sync.available = true;
    h.state.sync.configured = false;
    h.state.sync.queueable = 3;
    h.open(ui::View::settings);
    h.frames();
    CHECK(shows("Once a provider is set up above, your self-reported activities can be sent to it."));
    CHECK_FALSE(shows("Every self-reported activity has been sent or queued."));
    CHECK_FALSE(shows("not sent to this provider yet"));
    h.state.sync.configured = true;
    h.frames();
    CHECK(shows("3 self-reported activities are not sent to this provider yet."));
    h.state.sync.queueable = 0;
    h.frames();
    CHECK(shows("Every self-reported activity has been sent or queued."));
}

TEST_CASE("back from the provider's sign-in page, Settings opens scrolled to its Sync section") {
    UiHarness h(1280, 800);
    h.load(test::two_credentials());
    h.state.sync.available = true;
    h.state.view = ui::View::settings; // as SyncController sets it when it takes the sign-in's code
    h.state.view_changed = true;
    h.state.reveal_sync = 3;
    h.frames(6);
    CHECK(h.state.reveal_sync == 0);
    CHECK(shows("Sync with a provider"));
    float scrolled = 0.0f; // Settings' view, scrolled down to its Sync section (as far as it goes)
    for (ImGuiWindow* w : GImGui->Windows)
        if (std::string_view(w->Name).starts_with("Recert/view_") && w->Active && w->ScrollMax.y > 0.0f)
            scrolled = w->Scroll.y;
    CHECK(scrolled > 100.0f);
}

TEST_CASE("on a phone the backup reminder is tall enough for its wrapped sentence and both buttons") {
    for (const float width : {390.0f, 1280.0f}) {
        UiHarness h(width, 844.0f);
        h.load(test::two_credentials());
        h.state.backup_reminder_due = true;
        h.open(ui::View::dashboard);
        h.frames();
        ui::semantics_record_paths(true);
        h.frame();
        ui::semantics_record_paths(false);
        int whole = 0;
        for (const ui::ItemPath& p : ui::semantics_item_paths()) {
            if (p.window.find("backup_reminder") == std::string::npos || (p.label != "Later" && p.label.find("Export backup") == std::string::npos))
                continue;
            CAPTURE(width, p.label, p.y0, p.y1, p.clip_y0, p.clip_y1);
            CHECK(p.y1 <= p.clip_y1 + 0.5f); // not cut by the banner's bottom edge
            ++whole;
        }
        CHECK(whole == 2);
    }
}
