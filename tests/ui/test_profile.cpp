// Settings › Profile (issue #18): the person's name and email, edited with the UI's own text fields
// (so the semantics tree names them) and saved as a SaveProfile intent.
#include "ui_harness.h"

using namespace recert;
using test::UiHarness;

namespace {

// Settings ends with the profile: a window tall enough to show the whole view.
struct ProfileHarness : UiHarness {
    explicit ProfileHarness(core::Log log) : UiHarness(1280.0f, 2000.0f) { load(std::move(log)); }
};

const ui::SaveProfile* last_profile_save(const UiHarness& h) {
    for (auto it = h.sent.rbegin(); it != h.sent.rend(); ++it)
        if (const auto* p = std::get_if<ui::SaveProfile>(&*it)) return p;
    return nullptr;
}

} // namespace

TEST_CASE("Settings has a Profile section whose name and email fields save the person's profile") {
    core::Log log = test::two_credentials();
    log.person.name = "Sam Trainer";
    ProfileHarness h(std::move(log));
    h.open(ui::View::settings);
    h.frames();
    REQUIRE(test::find_node(ui::Role::heading, "Profile"));
    const ui::SemNode* name = test::find_node(ui::Role::textbox, "Your name");
    REQUIRE(name);
    CHECK(name->value == "Sam Trainer");
    const ui::SemNode* email = test::find_node(ui::Role::textbox, "Email");
    REQUIRE(email);
    CHECK(email->value.empty());
    const ui::SemNode* save = test::find_node(ui::Role::button, "Save profile");
    REQUIRE(save);
    CHECK(save->disabled); // nothing changed yet

    h.state.profile.edit.email = "sam@example.org";
    h.frames();
    save = test::find_node(ui::Role::button, "Save profile");
    REQUIRE(save);
    CHECK_FALSE(save->disabled);
    h.click(save->id);
    const ui::SaveProfile* sent = last_profile_save(h);
    REQUIRE(sent);
    CHECK(sent->person == core::Person{"Sam Trainer", "sam@example.org"});
}

TEST_CASE("a profile email that is not an address is named on its field and not sent") {
    ProfileHarness h(test::two_credentials());
    h.open(ui::View::settings);
    h.frames();
    h.state.profile.edit.email = "sam at example";
    h.frames();
    h.click(test::find_node(ui::Role::button, "Save profile")->id);
    CHECK_FALSE(last_profile_save(h));
    const ui::SemNode* email = test::find_node(ui::Role::textbox, "Email");
    REQUIRE(email);
    CHECK(email->invalid);
    CHECK(email->description == "Enter an email address like name@example.org, or leave it empty");
}

TEST_CASE("the profile fields follow a stored profile that changes while nothing was typed") {
    ProfileHarness h(test::two_credentials());
    h.open(ui::View::settings);
    h.frames();
    core::Log restored = h.state.data.log;
    restored.person = {"Alex Coach", "alex@example.org"};
    h.load(restored);
    h.frames();
    CHECK(test::find_node(ui::Role::textbox, "Your name")->value == "Alex Coach");
    CHECK(test::find_node(ui::Role::textbox, "Email")->value == "alex@example.org");
}
