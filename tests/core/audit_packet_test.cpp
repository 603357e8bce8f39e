// The audit packet plan: files, evidence names, deduplication, manifest hashes, missing evidence.
#include "core/audit_packet.h"
#include "reports_support.h"

#include <nlohmann/json.hpp>

#include <set>

using namespace recert::core;
using namespace recert::core::test;

TEST_CASE("evidence entries are named by date and course slug, with the type's extension") {
    CHECK(evidence_entry_name(d("2025-03-01"), "Strength & Conditioning: Basics!", "application/pdf", "x.pdf") ==
          "evidence/2025-03-01_strength-conditioning-basics.pdf");
    CHECK(evidence_entry_name(d("2025-03-01"), "Ünïcode ✓", "image/jpeg", "a.jpeg") == "evidence/2025-03-01_n-code.jpg");
    CHECK(evidence_entry_name(d("2025-03-01"), "✓✓", "", "../../etc/passwd") == "evidence/2025-03-01_activity.bin");
    CHECK(evidence_entry_name(d("2025-03-01"), std::string(200, 'a'), "image/png", "") ==
          "evidence/2025-03-01_" + std::string(48, 'a') + ".png");
}

TEST_CASE("the packet holds the transcript, the CSV, each evidence file once, and a manifest of hashes") {
    Log log = dashboard_log();
    const EvidenceRef cert{std::string(64, '1'), "cert.pdf", "application/pdf"};
    const EvidenceRef shared{std::string(64, '2'), "shared.png", "image/png"};
    log.activities[0].evidence = {cert, shared};
    log.activities[1].evidence = {shared};                        // same file twice: one entry
    log.activities[2].title = log.activities[0].title;            // same name, other file: "-2"
    log.activities[2].earned = log.activities[0].earned;
    log.activities[2].evidence = {{std::string(64, '3'), "other.pdf", "application/pdf"}};
    log.credentials[0].prerequisites[0].file = EvidenceRef{std::string(64, '4'), "card.jpg", "image/jpeg"};
    const Evaluation ev = evaluate_log(log);
    TranscriptOptions t;
    t.produced = d("2025-03-11");
    const AuditPacketPlan plan = plan_audit_packet(log, ev, 0, t, fake_sha);
    CHECK(plan.zip_name == "recert-audit-acsm-cpt-2024-2026.zip");
    REQUIRE(plan.files.size() >= 6);
    CHECK(plan.files[0].path == "transcript.html");
    CHECK(plan.files[1].path == "activities.csv");
    CHECK(plan.files.back().path == "manifest.json");
    std::set<std::string> paths, shas;
    for (const PacketFile& f : plan.files) {
        CHECK(paths.insert(f.path).second);
        if (f.evidence) CHECK(shas.insert(f.sha256).second);
        else CHECK(f.sha256 == fake_sha(f.text));
    }
    CHECK(shas.size() == 4);
    CHECK(paths.count("evidence/" + log.activities[0].earned.to_string() + "_acsm-health-fitness-summit-2024.pdf"));
    CHECK(paths.count("evidence/" + log.activities[0].earned.to_string() + "_acsm-health-fitness-summit-2024-2.pdf"));
    CHECK(paths.count("evidence/2025-01-20_cpr-aed-card.jpg"));
    // The manifest lists every other file with its hash.
    const auto m = nlohmann::json::parse(plan.files.back().text);
    CHECK(m["format"] == "recert-audit-packet");
    REQUIRE(m["files"].size() == plan.files.size() - 1);
    for (std::size_t i = 0; i + 1 < plan.files.size(); ++i) {
        CHECK(m["files"][i]["path"] == plan.files[i].path);
        CHECK(m["files"][i]["sha256"] == plan.files[i].sha256);
    }
    // Counted activities without evidence are flagged (and listed in the manifest).
    for (std::size_t a : plan.missing_evidence) CHECK(log.activities[a].evidence.empty());
    CHECK(m["missing_evidence"].size() == plan.missing_evidence.size());
    CHECK_FALSE(plan.missing_evidence.empty());
    // The transcript inside covers only this credential.
    CHECK(plan.files[0].text.find("ACSM EP") == std::string::npos);
    CHECK(plan.files[0].text.find("ACSM CPT") != std::string::npos);
}

TEST_CASE("the packet's manifest names the person and their email from the profile") {
    Log log = dashboard_log();
    log.person = {"Sam Trainer", "sam@example.org"};
    TranscriptOptions t;
    t.produced = d("2025-03-11");
    const AuditPacketPlan plan = plan_audit_packet(log, evaluate_log(log), 0, t, fake_sha);
    const auto m = nlohmann::json::parse(plan.files.back().text);
    CHECK(m["person"] == "Sam Trainer");
    CHECK(m["person_email"] == "sam@example.org");

    CHECK(plan.files[0].text.find("<strong>Sam Trainer</strong>") != std::string::npos);
}

TEST_CASE("the packet's manifest names the credential and its body; the ids follow for software") {
    const Log log = dashboard_log();
    TranscriptOptions t;
    t.produced = d("2025-03-11");
    const auto m = nlohmann::json::parse(plan_audit_packet(log, evaluate_log(log), 0, t, fake_sha).files.back().text);
    CHECK(m["credential"]["name"] == "ACSM Certified Personal Trainer");
    CHECK(m["credential"]["body_name"] == "American College of Sports Medicine");
    CHECK(m["credential"]["id"] == log.credentials[0].id);
}
