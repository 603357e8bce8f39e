// Open Badges 3.0 / CLR 2.0 import: field rules, fallbacks, located rejections.
#include "core/openbadges.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

using namespace recert::core;
using namespace recert::core::test;
using nlohmann::json;

namespace {

json badge() {
    return json::parse(R"({
      "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
      "id": "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
      "type": ["VerifiableCredential", "OpenBadgeCredential"],
      "issuer": {"id": "https://provider.example/issuers/1", "type": ["Profile"], "name": "Example CE Provider"},
      "validFrom": "2024-06-01T12:00:00Z",
      "name": "Kettlebell Foundations",
      "credentialSubject": {
        "type": ["AchievementSubject"],
        "activityEndDate": "2024-05-30T17:00:00Z",
        "creditsEarned": 1.5,
        "achievement": {"id": "https://provider.example/a/kb", "type": ["Achievement"], "name": "Kettlebell Foundations",
                         "humanCode": "KB-101", "criteria": {"narrative": "Attend"}, "creditsAvailable": 2}
      },
      "x-vendor-extension": {"anything": true}
    })");
}

BadgeImportOptions options() {
    BadgeImportOptions o;
    o.today = d("2025-03-11");
    o.id_prefix = "badge";
    o.unit = Unit::ceu;
    o.evidence = EvidenceRef{std::string(64, 'e'), "kb.json", "application/json"};
    return o;
}

} // namespace

TEST_CASE("an Open Badges 3.0 credential becomes one activity with the badge as evidence") {
    auto r = import_open_badges(badge().dump(), "kb.json", options());
    REQUIRE(r);
    REQUIRE(r.value().size() == 1);
    const Activity& a = r.value()[0];
    CHECK(a.id == "badge-1");
    CHECK(a.title == "Kettlebell Foundations");
    CHECK(a.provider == "Example CE Provider");
    CHECK(a.course_number == "KB-101");
    CHECK(a.amount == cr("1.5"));
    CHECK(a.unit == Unit::ceu);
    CHECK(a.earned == d("2024-05-30")); // activityEndDate wins over validFrom
    CHECK(a.source == ActivitySource::imported);
    REQUIRE(a.evidence.size() == 1);
    CHECK(a.evidence[0].name == "kb.json");
}

TEST_CASE("badge fallbacks: creditsAvailable, then the start date, validFrom, issuanceDate; issuer as a string") {
    json b = badge();
    b["credentialSubject"].erase("creditsEarned");
    b["credentialSubject"].erase("activityEndDate");
    b["issuer"] = "https://provider.example/issuers/1";
    auto r = import_open_badges(b.dump(), "kb.json", options());
    REQUIRE(r);
    CHECK(r.value()[0].amount == cr("2"));
    CHECK(r.value()[0].earned == d("2024-06-01"));
    CHECK(r.value()[0].provider == "https://provider.example/issuers/1");
    b.erase("validFrom");
    b["issuanceDate"] = "2023-12-24T00:00:00Z";
    auto r2 = import_open_badges(b.dump(), "kb.json", options());
    REQUIRE(r2);
    CHECK(r2.value()[0].earned == d("2023-12-24"));
}

TEST_CASE("a CLR 2.0 bundle becomes one activity per embedded credential") {
    json second = badge();
    second["credentialSubject"]["achievement"]["name"] = "Mobility";
    second["credentialSubject"]["creditsEarned"] = 3;
    json clr = {{"type", {"VerifiableCredential", "ClrCredential"}},
                {"issuer", {{"name", "Registry"}}},
                {"credentialSubject", {{"type", {"ClrSubject"}}, {"verifiableCredential", {badge(), second}}}}};
    auto r = import_open_badges(clr.dump(), "clr.json", options());
    REQUIRE(r);
    REQUIRE(r.value().size() == 2);
    CHECK(r.value()[1].id == "badge-2");
    CHECK(r.value()[1].title == "Mobility");
    CHECK(r.value()[1].amount == cr("3"));
}

TEST_CASE("bad badges are rejected with a JSON pointer to the field") {
    const auto error_of = [](const json& j) {
        auto r = import_open_badges(j.dump(), "b.json", options());
        REQUIRE_FALSE(r);
        return r.error().path + ": " + r.error().message;
    };
    json b = badge();
    b["credentialSubject"]["creditsEarned"] = "1.5";
    CHECK(error_of(b) == "/credentialSubject/creditsEarned: expected a number of credits, got a string");
    b = badge();
    b["credentialSubject"]["creditsEarned"] = 1.255;
    CHECK(error_of(b) == "/credentialSubject/creditsEarned: at most two decimals (like 1.25)");
    b = badge();
    b["credentialSubject"]["creditsEarned"] = -1;
    CHECK(error_of(b) == "/credentialSubject/creditsEarned: must not be negative");
    b = badge();
    b["credentialSubject"]["achievement"].erase("name");
    CHECK(error_of(b) == "/credentialSubject/achievement/name: missing required field (the achievement's name becomes the title)");
    b = badge();
    b["credentialSubject"]["activityEndDate"] = "30/05/2024";
    CHECK(error_of(b) == "/credentialSubject/activityEndDate: expected a date-time like \"2024-05-02T17:00:00Z\"");
    b = badge();
    b["type"] = {"VerifiableCredential"};
    CHECK(error_of(b) == "/type: not an Open Badges 3.0 credential (type must include \"OpenBadgeCredential\")");
    b = badge();
    b["credentialSubject"]["activityEndDate"] = "2030-01-01T00:00:00Z";
    CHECK(error_of(b).rfind("/credentialSubject/activityEndDate: The date earned is in the future", 0) == 0);
    json clr = {{"type", "ClrCredential"}, {"credentialSubject", {{"verifiableCredential", {badge(), 7}}}}};
    CHECK(error_of(clr) == "/credentialSubject/verifiableCredential/1: expected an Open Badges credential (an object), got an integer");
    auto truncated = import_open_badges("{\"type\": [\"OpenBadgeCredential\"", "t.json", options());
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().to_string().rfind("t.json: invalid JSON at byte", 0) == 0);
}

namespace {
json clr_of(std::size_t n, std::size_t image_bytes = 0) {
    json vcs = json::array();
    for (std::size_t i = 0; i < n; ++i) {
        json b = badge();
        b["credentialSubject"]["achievement"]["name"] = "Course " + std::to_string(i);
        if (image_bytes)
            b["credentialSubject"]["achievement"]["image"] = {{"id", "data:image/png;base64," + std::string(image_bytes, 'A')}};
        vcs.push_back(b);
    }
    return {{"type", {"VerifiableCredential", "ClrCredential"}},
            {"issuer", "https://provider.example"},
            {"credentialSubject", {{"type", "ClrSubject"}, {"verifiableCredential", vcs}}}};
}
} // namespace

TEST_CASE("a CLR bundle is read a credential at a time: the same activities as one read, progress on the way") {
    const std::string text = clr_of(40).dump();
    auto whole = import_open_badges(text, "clr.json", options());
    REQUIRE(whole);
    REQUIRE(whole.value().size() == 40);
    BadgeReader reader(text, "clr.json", options());
    std::vector<float> seen;
    while (!reader.step(1))
        seen.push_back(reader.progress());
    CHECK(seen.size() >= 40); // one step a credential, after the scan
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    auto sliced = reader.take();
    REQUIRE(sliced);
    CHECK(sliced.value() == whole.value());
    CHECK(sliced.value()[39].title == "Course 39");
    CHECK(detail::import_open_badges_dom(text, "clr.json", options()).value() == whole.value());

    SECTION("a bad credential deep in the bundle: the same located error as the DOM gives") {
        json clr = clr_of(40);
        clr["credentialSubject"]["verifiableCredential"][31]["credentialSubject"]["creditsEarned"] = "two";
        const std::string bad = clr.dump();
        BadgeReader r(bad, "clr.json", options());
        while (!r.step(1)) {
        }
        auto e = r.take();
        REQUIRE_FALSE(e);
        CHECK(e.error().path == "/credentialSubject/verifiableCredential/31/credentialSubject/creditsEarned");
        CHECK(e.error().to_string() == detail::import_open_badges_dom(bad, "clr.json", options()).error().to_string());
    }
}

TEST_CASE("one badge holds at most 5 MB; only a CLR bundle may be larger, each of its badges within that") {
    json big = badge();
    big["credentialSubject"]["achievement"]["image"] = {{"id", std::string(5'100'000, 'A')}};
    auto one = import_open_badges(big.dump(), "big.json", options());
    REQUIRE_FALSE(one);
    CHECK(one.error().to_string() ==
          "big.json: larger than the 5 MB one Open Badge may hold (a CLR bundle of badges may be larger)");

    auto bundle = import_open_badges(clr_of(6, 1'000'000).dump(), "clr.json", options()); // 6 MB in all
    REQUIRE(bundle);
    CHECK(bundle.value().size() == 6);

    json clr = clr_of(3);
    clr["credentialSubject"]["verifiableCredential"][1] = big;
    auto inner = import_open_badges(clr.dump(), "clr.json", options());
    REQUIRE_FALSE(inner);
    CHECK(inner.error().path == "/credentialSubject/verifiableCredential/1");
    CHECK(inner.error().message == "larger than the 5 MB one Open Badge may hold");
}
