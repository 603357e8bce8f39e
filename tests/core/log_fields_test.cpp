// Every field of a record goes through every path of the log codec (core/log_codec.cpp): the DOM
// decoder, the fast path, the encoder and the direct writer. Each activity field is written in four
// places there; this test fails when a field is added to one of them only:
//   - a compile-time count of Activity's and Credential's members (and of their parts) breaks as soon
//     as a member is added to core/model.h, pointing here;
//   - the lists of "reset one field" steps below must be as long as those counts, and each step must
//     change the full record (so every field is set to something other than its default);
//   - the full record, and each one-field-reset version, must round-trip identically through
//     encoder -> DOM decoder, encoder -> fast path and direct writer -> both decoders, and the direct
//     writer must write the encoder's bytes.
#include "core/log_codec.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <array>
#include <functional>
#include <utility>

using namespace recert::core;
using namespace recert::core::test;

namespace {

// How many members aggregate `T` has: the most initializers `T{…}` takes.
struct AnyField {
    template <class T>
    operator T() const; // never defined: used in unevaluated requires-expressions only
};
template <class T, std::size_t... I>
constexpr bool takes(std::index_sequence<I...>) {
    return requires { T{(void(I), AnyField{})...}; };
}
template <class T, std::size_t N = 0>
constexpr std::size_t field_count() {
    if constexpr (takes<T>(std::make_index_sequence<N + 1>{}))
        return field_count<T, N + 1>();
    else
        return N;
}

// When one of these fails, a member was added to (or removed from) core/model.h: handle it in all four
// paths of core/log_codec.cpp (DOM decoder, fast path, encoder, direct writer), then add it to
// full_activity() / full_credential() and a reset step below.
static_assert(field_count<Activity>() == 23);
static_assert(field_count<Session>() == 3);
static_assert(field_count<EvidenceRef>() == 3);
static_assert(field_count<BodyCategory>() == 2);
static_assert(field_count<ProviderLink>() == 7);
static_assert(field_count<Credential>() == 11);
static_assert(field_count<PrerequisiteDoc>() == 5);
static_assert(field_count<RenewalRecord>() == 4);
static_assert(field_count<CustomProgram>() == 5);
static_assert(field_count<CustomCategory>() == 3);
static_assert(field_count<FinalizedStatement>() == 3);
static_assert(field_count<StatementUnlock>() == 3);
static_assert(field_count<Person>() == 2); // log_codec_test: "the person's email round-trips…"

// Every field (and every field of its parts) set to something other than its default.
Activity full_activity() {
    Activity a;
    a.id = "full";
    a.rev = 9;
    a.earned = d("2024-03-03");
    a.reported = d("2024-03-05");
    a.title = "Every field";
    a.provider = "Uni";
    a.provider_approval = "AP-1";
    a.course_number = "C-101";
    a.format = Format::college_course;
    a.category = "A";
    a.category_for = {{"nccpa", "cat2"}, {"nsca", "C"}}; // sorted by body: the DOM hands them back so
    a.amount = cr("1.5");
    a.unit = Unit::ceu;
    a.sessions = {{"Keynote", cr("1.25"), true}};
    a.claim_id = "B-77";
    a.statement_printed = d("2024-03-06");
    a.status = ActivityStatus::verified;
    a.source = ActivitySource::synced;
    a.evidence = {{std::string(64, 'c'), "cert.pdf", "application/pdf"}};
    a.notes = "notes";
    a.duplicate_of = "other";
    a.excluded_from = {"c2"};
    a.provider_link = ProviderLink{"https://ce.example.org/api", "ext-9", "\"e1\"", "2025-03-01T10:00:00Z", "awarded",
                                   {"ACSM", "NAAEI"}, {"cred-ep"}};
    return a;
}

Credential full_credential() {
    Credential c = cred("full", "custom", "custom", "2024-05-01", "2024-05-01", "2026-04-30");
    c.rev = 4;
    c.id_number = "123";
    c.prerequisites.push_back(cpr_card());
    c.history.push_back({d("2024-04-20"), {d("2022-05-01"), d("2024-04-30")}, usd("70"),
                         EvidenceRef{std::string(64, 'b'), "receipt.pdf", "application/pdf"}});
    c.custom = CustomProgram{"State license", cr("24"), 36, {{"ethics", cr("2"), cr("6")}}, usd("50")};
    c.statements.push_back({{d("2024-05-01"), d("2026-04-30")}, d("2026-05-02"),
                            StatementUnlock{d("2026-05-03"), "Ana", "a late certificate"}});
    return c;
}

// One step per field: puts that field back to its default (or to another value where the default does
// not round-trip, such as an id), leaving the others as they are.
using ActivityStep = std::function<void(Activity&)>;
const std::array<ActivityStep, field_count<Activity>()> activity_steps{{
    [](Activity& a) { a.id = "x"; },
    [](Activity& a) { a.rev = 1; },
    [](Activity& a) { a.earned = d("2024-03-04"); },
    [](Activity& a) { a.reported.reset(); },
    [](Activity& a) { a.title = "T"; },
    [](Activity& a) { a.provider.clear(); },
    [](Activity& a) { a.provider_approval.clear(); },
    [](Activity& a) { a.course_number.clear(); },
    [](Activity& a) { a.format = Format::other; },
    [](Activity& a) { a.category.clear(); },
    [](Activity& a) { a.category_for.clear(); },
    [](Activity& a) { a.amount = cr("2"); },
    [](Activity& a) { a.unit = Unit::cec; },
    [](Activity& a) { a.sessions.clear(); },
    [](Activity& a) { a.claim_id.clear(); },
    [](Activity& a) { a.statement_printed.reset(); },
    [](Activity& a) { a.status = ActivityStatus::posted; },
    [](Activity& a) { a.source = ActivitySource::self_reported; },
    [](Activity& a) { a.evidence.clear(); },
    [](Activity& a) { a.notes.clear(); },
    [](Activity& a) { a.duplicate_of.clear(); },
    [](Activity& a) { a.excluded_from.clear(); },
    [](Activity& a) { a.provider_link.reset(); },
}};

using CredentialStep = std::function<void(Credential&)>;
const std::array<CredentialStep, field_count<Credential>()> credential_steps{{
    [](Credential& c) { c.id = "x"; },
    [](Credential& c) { c.rev = 1; },
    [](Credential& c) { c.body = "acsm"; c.program = "cpt"; c.custom.reset(); },
    [](Credential& c) { c.program = "other"; },
    [](Credential& c) { c.certified_on = d("2024-05-02"); },
    [](Credential& c) { c.cycle = {d("2024-06-01"), d("2026-05-31")}; },
    [](Credential& c) { c.id_number.clear(); },
    [](Credential& c) { c.prerequisites.clear(); },
    [](Credential& c) { c.history.clear(); },
    [](Credential& c) { c.custom->cycle_months = 24; },
    [](Credential& c) { c.statements.clear(); },
}};

// The log as the browser store assembles it from its rows: compact records from encode_record.
std::string stored_text(const Log& log) {
    return R"({"format":"recert-log","version":2,)" + stored_records(log) + "}";
}

// `log` through every path: encoder -> DOM, encoder -> fast path, direct writer -> both; and the
// direct writer's bytes are the encoder's.
void round_trips(const Log& log) {
    const std::string pretty = encode_log(log);
    const auto dom = detail::decode_log_dom(pretty);
    REQUIRE(dom.ok());
    CHECK(dom.value() == log);
    const auto fast = detail::decode_log_fast(pretty);
    REQUIRE(fast.has_value()); // the fast path must not give up on a field it does not know
    CHECK(*fast == log);

    const std::string stored = stored_text(log);
    const auto dom_stored = detail::decode_log_dom(stored);
    REQUIRE(dom_stored.ok());
    CHECK(dom_stored.value() == log);
    const auto fast_stored = detail::decode_log_fast(stored);
    REQUIRE(fast_stored.has_value());
    CHECK(*fast_stored == log);

    const auto whole = nlohmann::ordered_json::parse(pretty);
    for (std::size_t i = 0; i < log.activities.size(); ++i)
        CHECK(encode_record(log.activities[i]) == whole["activities"][i].dump());
    for (std::size_t i = 0; i < log.credentials.size(); ++i)
        CHECK(encode_record(log.credentials[i]) == whole["credentials"][i].dump());
}

} // namespace

TEST_CASE("an activity with every field set round-trips identically through every codec path") {
    Log log;
    log.activities.push_back(full_activity());
    round_trips(log);
}

// Each step on its own: the full record differs after it (so the full record sets that field), and
// the changed record round-trips. `add` puts a record into a log.
template <class Steps, class Full, class Add>
void each_step_round_trips(const char* what, const Steps& steps, Full full, Add add) {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        INFO(what << " #" << i);
        auto changed = full();
        steps[i](changed);
        CHECK_FALSE(changed == full());
        Log log;
        add(log, changed);
        round_trips(log);
    }
}

TEST_CASE("each activity field on its own: the full record differs without it, and both versions round-trip") {
    each_step_round_trips("activity field", activity_steps, full_activity,
                          [](Log& log, const Activity& a) { log.activities.push_back(a); });
}

TEST_CASE("a credential with every field set round-trips identically through every codec path") {
    Log log;
    log.credentials.push_back(full_credential());
    round_trips(log);
    each_step_round_trips("credential field", credential_steps, full_credential,
                          [](Log& one, const Credential& c) { one.credentials.push_back(c); });
}

TEST_CASE("each provider-link list on its own: the full record differs without it, and both versions round-trip") {
    const std::array<ActivityStep, 2> link_steps{{
        [](Activity& a) { a.provider_link->accredited_by.clear(); },
        [](Activity& a) { a.provider_link->assigned_to.clear(); },
    }};
    each_step_round_trips("provider-link list", link_steps, full_activity,
                          [](Log& log, const Activity& a) { log.activities.push_back(a); });
}
