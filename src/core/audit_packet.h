// The audit packet, planned: which files go into the ZIP an auditor receives for one credential's
// cycle (transcript.html, activities.csv, every evidence file named evidence/<date>_<course-slug>.<ext>,
// deduplicated, and manifest.json with the SHA-256 of every other file), and which counted activities
// have no evidence (flagged before building). Pure: the platform reads the evidence bytes and zips.
#pragma once

#include "core/engine.h"
#include "core/model.h"
#include "core/transcript.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace recert::core {

struct PacketFile {
    std::string path;      // inside the ZIP: "transcript.html", "evidence/2025-03-01_strength-basics.pdf"
    std::string sha256;    // of the bytes (64 lowercase hex)
    std::string text;      // the content of a generated file; empty for evidence
    bool evidence = false; // true: the bytes are the stored file `sha256`
    std::string mime;
};

struct AuditPacketPlan {
    std::string zip_name;                      // "recert-audit-acsm-cpt-2024-2026.zip"
    std::vector<PacketFile> files;             // manifest.json last
    std::vector<std::size_t> activities;       // indexes into log.activities that the packet covers
    std::vector<std::size_t> missing_evidence; // covered activities with no evidence file
};

// The activities a packet for log.credentials[credential] covers (counted there, or pending) and those
// of them without any evidence file: cheap enough to show before building.
struct PacketCoverage {
    std::vector<std::size_t> activities;
    std::vector<std::size_t> missing_evidence;
};
PacketCoverage audit_packet_coverage(const Log& log, const Evaluation& eval, std::size_t credential);

using Sha256Fn = std::function<std::string(std::string_view)>;

// Plans the packet for log.credentials[credential] (precondition: a valid index; eval evaluates the
// log). Covered: activities the credential counts (applied > 0) or shows as pending, plus the
// credential's CPR/AED card files. `transcript.credentials` is replaced by {credential}. `sha256`
// hashes the generated texts (the core has no hash of its own; storage/evidence.h provides one).
AuditPacketPlan plan_audit_packet(const Log& log, const Evaluation& eval, std::size_t credential,
                                  TranscriptOptions transcript, const Sha256Fn& sha256);

// "evidence/2025-03-01_strength-training-basics.pdf": the date, a lowercase ASCII slug of the title
// (at most 48 characters, "activity" when nothing is left) and the extension for `mime` (else the
// original name's, else "bin").
std::string evidence_entry_name(Date earned, std::string_view title, std::string_view mime, std::string_view name);

} // namespace recert::core
