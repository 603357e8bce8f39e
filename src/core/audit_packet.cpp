// Audit packet plan: see audit_packet.h.
#include "core/audit_packet.h"

#include "core/csv_activities.h"
#include "core/names.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <map>
#include <set>

namespace recert::core {
namespace {

std::string slug(std::string_view title, std::size_t max) {
    std::string out;
    bool dash = false;
    for (unsigned char c : title) {
        if (std::isalnum(c) && c < 0x80) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += char(std::tolower(c));
            if (out.size() >= max) break;
        } else {
            dash = true;
        }
    }
    return out;
}

std::string ext_for(std::string_view mime, std::string_view name) {
    if (mime == "application/pdf") return "pdf";
    if (mime == "image/png") return "png";
    if (mime == "image/jpeg") return "jpg";
    if (mime == "image/heic") return "heic";
    if (mime == "image/webp") return "webp";
    if (mime == "application/json" || mime == "application/ld+json") return "json";
    const std::size_t dot = name.rfind('.');
    if (dot != std::string_view::npos && dot + 1 < name.size() && name.size() - dot <= 6) {
        std::string e = slug(name.substr(dot + 1), 5);
        if (!e.empty()) return e;
    }
    return "bin";
}

} // namespace

std::string evidence_entry_name(Date earned, std::string_view title, std::string_view mime, std::string_view name) {
    std::string s = slug(title, 48);
    if (s.empty()) s = "activity";
    return "evidence/" + earned.to_string() + "_" + s + "." + ext_for(mime, name);
}

PacketCoverage audit_packet_coverage(const Log& log, const Evaluation& eval, std::size_t credential) {
    PacketCoverage out;
    if (credential >= eval.credentials.size() || eval.activity_count != log.activities.size()) return out;
    for (std::size_t a = 0; a < log.activities.size(); ++a) {
        const Explanation& x = eval.at(credential, a);
        if (x.applied > Credits() || x.reason == Reason::not_yet_posted) {
            out.activities.push_back(a);
            if (log.activities[a].evidence.empty()) out.missing_evidence.push_back(a);
        }
    }
    return out;
}

AuditPacketPlan plan_audit_packet(const Log& log, const Evaluation& eval, std::size_t credential,
                                  TranscriptOptions transcript, const Sha256Fn& sha256) {
    AuditPacketPlan plan;
    const Credential& cred = log.credentials[credential];
    const CredentialResult& r = eval.credentials[credential];
    PacketCoverage coverage = audit_packet_coverage(log, eval, credential);
    plan.activities = std::move(coverage.activities);
    plan.missing_evidence = std::move(coverage.missing_evidence);
    std::string span = r.cycle.first.to_string().substr(0, 4) + "-" + r.cycle.last.to_string().substr(0, 4);
    std::string who = cred.body + "-" + cred.program;
    std::string tag;
    for (unsigned char c : who)
        tag += std::isalnum(c) && c < 0x80 ? char(std::tolower(c)) : '-';
    plan.zip_name = "recert-audit-" + tag + "-" + span + ".zip";

    transcript.credentials = {credential};
    transcript.inline_css = true; // the packet is opened offline, from disk
    PacketFile html{"transcript.html", "", transcript_html(log, eval, transcript), false, "text/html"};
    html.sha256 = sha256(html.text);
    PacketFile csv{"activities.csv", "", export_activities_csv(log, eval, {true, plan.activities}), false, "text/csv"};
    csv.sha256 = sha256(csv.text);
    plan.files.push_back(std::move(html));
    plan.files.push_back(std::move(csv));

    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    for (const PacketFile& f : plan.files)
        files.push_back({{"path", f.path}, {"sha256", f.sha256}, {"size", f.text.size()}, {"source", "generated"}});

    std::map<std::string, std::string> path_of;          // sha256 -> path already used
    std::set<std::string> taken{"transcript.html", "activities.csv", "manifest.json"};
    auto add_evidence = [&](const EvidenceRef& ref, Date day, std::string_view title, const std::string& owner) {
        auto it = path_of.find(ref.sha256);
        std::string path;
        if (it != path_of.end()) {
            path = it->second;
        } else {
            const std::string base = evidence_entry_name(day, title, ref.mime, ref.name);
            path = base;
            const std::size_t dot = base.rfind('.');
            for (int n = 2; taken.count(path); ++n) path = base.substr(0, dot) + "-" + std::to_string(n) + base.substr(dot);
            taken.insert(path);
            path_of[ref.sha256] = path;
            plan.files.push_back({path, ref.sha256, "", true, ref.mime});
            files.push_back({{"path", path}, {"sha256", ref.sha256}, {"original_name", ref.name}, {"source", "evidence"}});
        }
        (void)owner;
    };
    for (std::size_t a : plan.activities) {
        const Activity& act = log.activities[a];
        for (const EvidenceRef& ref : act.evidence) add_evidence(ref, act.earned, act.title, act.id);
    }
    for (const PrerequisiteDoc& p : cred.prerequisites)
        if (p.file) add_evidence(*p.file, p.issued, p.kind == "cpr_aed" ? "cpr-aed-card" : p.kind, cred.id);

    nlohmann::ordered_json missing = nlohmann::ordered_json::array();
    for (std::size_t a : plan.missing_evidence) {
        const Activity& act = log.activities[a];
        missing.push_back({{"id", act.id}, {"earned", act.earned.to_string()}, {"title", act.title}});
    }
    nlohmann::ordered_json m;
    m["format"] = "recert-audit-packet";
    m["version"] = 1;
    m["produced"] = transcript.produced.to_string();
    m["person"] = log.person.name;
    if (!log.person.email.empty()) m["person_email"] = log.person.email;
    // The names a person reads first; the ids after them for software that checks the packet.
    m["credential"] = {{"name", credential_full_name(cred, r.pack)},
                       {"body_name", body_display_name(cred, r.pack)},
                       {"id_number", cred.id_number},
                       {"id", cred.id},
                       {"body", cred.body},
                       {"program", cred.program}};
    m["cycle"] = {{"start", r.cycle.first.to_string()}, {"end", r.cycle.last.to_string()}};
    m["rule_pack"] = r.pack ? nlohmann::ordered_json{{"body", r.pack->body}, {"version", r.pack->version}} : nullptr;
    m["files"] = std::move(files);
    m["missing_evidence"] = std::move(missing);
    PacketFile manifest{"manifest.json", "", m.dump(2) + "\n", false, "application/json"};
    manifest.sha256 = sha256(manifest.text);
    plan.files.push_back(std::move(manifest));
    return plan;
}

} // namespace recert::core
