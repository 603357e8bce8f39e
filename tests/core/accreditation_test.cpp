// Which credentials a provider's course counts toward (issue #18 item 9, #20 "right credential"): a
// synced course counts where one of its accrediting bodies is the credential's body, or where the
// person assigned that kind of course; a self-reported course counts everywhere, as before.
#include "core/explain.h"
#include "core/log_codec.h"
#include "test_support.h"

using namespace recert::core;
using namespace recert::core::test;

namespace {

Activity synced(std::string id, const char* earned, std::vector<std::string> accredited_by,
                std::string provider_name) {
    Activity a = act(std::move(id), earned, "3", Unit::cec, Format::live, "in_network");
    a.source = ActivitySource::synced;
    a.provider = std::move(provider_name);
    a.provider_link = ProviderLink{"https://ce.example.org/api", a.id, "\"1\"", "2025-03-01T10:00:00Z", "awarded",
                                   std::move(accredited_by), {}};
    return a;
}

struct Trainer {
    std::vector<Credential> creds = {cred("ep", "acsm", "ep", "2019-05-01", "2024-01-01", "2026-12-31"),
                                     cred("cam", "naaei", "cam", "2015-06-01", "2026-01-01", "2026-12-31")};
};

} // namespace

TEST_CASE("an NAAEI course from a provider never counts toward ACSM EP by default, and says why") {
    Trainer p;
    std::vector<Activity> acts = {synced("naa", "2025-04-01", {"NAAEI"}, "NAA Education Institute"),
                                  synced("acsm", "2025-04-02", {"ACSM"}, "ACSMceOnline"),
                                  act("self", "2025-04-03", "2")};
    Evaluation ev = evaluate(shipped_packs(), p.creds, acts, d("2026-03-01"));
    CHECK(ev.at(0, 0).reason == Reason::other_accreditor);
    CHECK(ev.at(0, 0).applied == Credits());
    CHECK(describe(ev.at(0, 0), ev, acts, p.creds) ==
          "Not counted: accredited by NAAEI, not by American College of Sports Medicine. Assign this kind of "
          "course to ACSM EP if it counts here.");
    CHECK(ev.at(1, 0).reason == Reason::counted); // CAM: NAAEI's own course, a 2025 CEC for the 2026 renewal
    CHECK(ev.at(0, 1).reason == Reason::counted); // EP: ACSM's course
    CHECK(ev.at(1, 1).reason == Reason::other_accreditor);
    CHECK(ev.at(0, 2).reason == Reason::counted); // self-reported: the person chose, it counts everywhere
    CHECK(ev.credentials[0].applied == cr("5"));
}

TEST_CASE("a body matches by its pack id or its name, without case, spaces or dots") {
    Trainer p;
    const Credential& ep = p.creds[0];
    for (const char* spelling : {"acsm", "ACSM", "A.C.S.M.", "American College of Sports Medicine"}) {
        INFO(spelling);
        CHECK(accredited_for(synced("x", "2025-01-01", {spelling}, "P"), ep, "American College of Sports Medicine"));
    }
    CHECK_FALSE(accredited_for(synced("x", "2025-01-01", {"NAAEI", "ACE"}, "P"), ep, "American College of Sports Medicine"));
    CHECK(accredited_for(synced("x", "2025-01-01", {"NAAEI", "ACSM"}, "P"), ep, "American College of Sports Medicine"));
    Activity none = synced("x", "2025-01-01", {}, "P"); // the provider named no accreditor
    CHECK(accredited_for(none, ep, "American College of Sports Medicine"));
}

TEST_CASE("a course assigned to a credential counts there; the kind is the provider and its bodies") {
    Trainer p;
    Activity naa = synced("naa", "2025-04-01", {"NAAEI"}, "NAA Education Institute");
    naa.provider_link->assigned_to = {"ep"};
    std::vector<Activity> acts = {naa};
    Evaluation ev = evaluate(shipped_packs(), p.creds, acts, d("2026-03-01"));
    CHECK(ev.at(0, 0).reason == Reason::counted);
    CHECK(ev.at(1, 0).reason == Reason::counted);

    CHECK(accreditation_key(synced("a", "2025-01-01", {"NAAEI", "BOC"}, "P")) ==
          accreditation_key(synced("b", "2026-01-01", {"boc", "N.A.A.E.I."}, "Q")));
    CHECK(accreditation_key(synced("a", "2025-01-01", {"NAAEI"}, "P")) !=
          accreditation_key(synced("b", "2025-01-01", {"ACSM"}, "P")));
    CHECK(accreditation_key(act("self", "2025-01-01", "1")).empty());
}

TEST_CASE("a log whose provider link lists are not lists of short strings is refused, located, with nothing read") {
    Log log;
    log.activities.push_back(synced("a", "2025-01-01", {"NAAEI"}, "P"));
    log.activities[0].provider_link->assigned_to = {"ep"};
    const std::string text = encode_log(log);
    // The two lists as encode_log wrote them, from "accredited_by" to the end of "assigned_to".
    const auto at = text.find("\"accredited_by\"");
    REQUIRE(at != std::string::npos);
    const auto end = text.find(']', text.find("\"assigned_to\"")) + 1;
    auto log_with = [&](const std::string& replacement) {
        return text.substr(0, at) + replacement + text.substr(end);
    };
    REQUIRE(decode_log(text).ok());
    REQUIRE(decode_log(text).value() == log);
    auto not_list = decode_log(log_with(R"("accredited_by":"NAAEI")"));
    REQUIRE_FALSE(not_list.ok());
    CHECK_THAT(not_list.error().to_string(), Catch::Contains("/activities/0/provider_link/accredited_by"));
    std::string many = R"("assigned_to":[)";
    for (int i = 0; i < 101; ++i)
        many += (i ? ",\"c" : "\"c") + std::to_string(i) + "\"";
    auto too_many = decode_log(log_with(many + "]"));
    REQUIRE_FALSE(too_many.ok());
    CHECK_THAT(too_many.error().to_string(), Catch::Contains("/activities/0/provider_link/assigned_to"));
    CHECK_THAT(too_many.error().to_string(), Catch::Contains("more than 100 assigned credentials"));
    auto long_name = decode_log(log_with(R"("accredited_by":[")" + std::string(300, 'N') + "\"]"));
    REQUIRE_FALSE(long_name.ok());
    CHECK_THAT(long_name.error().to_string(), Catch::Contains("/activities/0/provider_link/accredited_by"));
}
