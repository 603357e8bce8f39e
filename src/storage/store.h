// The storage interface: the person's whole record (credentials, activities, settings, evidence
// files) behind an asynchronous, explicitly stateful API. Implementations: IndexedDB in the
// browser (store_web.cpp) and in memory for native tests (store_memory.cpp). Nothing here blocks:
// every operation returns at once and is polled (idle / pending / ok / failed).
#pragma once

#include "core/model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recert::storage {

enum class OpState : std::uint8_t { idle, pending, ok, failed };

struct OpStatus {
    OpState state = OpState::idle;
    std::string error; // plain words for the person when failed ("Your browser's storage is full…")
};

using OpId = std::uint64_t;

// One atomic change. Records carry the revision the caller last saw in `expected_rev`
// (0 = the record must not exist yet); the store writes rev = expected_rev + 1. If any record's
// stored revision differs (another tab changed it) the whole change fails with a conflict and
// nothing is written.
struct CredentialPut {
    core::Credential record;
    std::int64_t expected_rev = 0;
};
struct ActivityPut {
    core::Activity record;
    std::int64_t expected_rev = 0;
};
struct Delete {
    std::string id;
    std::int64_t expected_rev = 0;
};
// An evidence file: bytes plus metadata; stored once per SHA-256 (deduplicated).
struct Attachment {
    core::EvidenceRef ref;
    std::vector<std::uint8_t> bytes;
};

struct ChangeSet {
    std::vector<CredentialPut> credentials;
    std::vector<ActivityPut> activities;
    std::vector<Delete> delete_credentials;
    std::vector<Delete> delete_activities;
    std::vector<Attachment> attachments;
    std::optional<std::string> settings_json;
    std::optional<core::Person> person;
    bool empty() const {
        return credentials.empty() && activities.empty() && delete_credentials.empty() &&
               delete_activities.empty() && attachments.empty() && !settings_json && !person;
    }
};

struct StorageEstimate {
    bool known = false;
    bool persistent = false;
    std::uint64_t usage = 0;
    std::uint64_t quota = 0;
};

class Store {
  public:
    virtual ~Store() = default;

    // Starts opening the database and loading everything. Poll load_status().
    virtual void open() = 0;
    virtual const OpStatus& load_status() const = 0;

    // The last committed state (valid once load_status() is ok). Credentials and activities
    // carry their stored `rev`. Never reflects a change that failed.
    virtual const core::Log& committed() const = 0;

    // Starts writing `changes` in one transaction. Poll status(id); when it turns ok,
    // committed() already includes the change; when failed, committed() is unchanged.
    virtual OpId commit(ChangeSet changes) = 0;
    virtual const OpStatus& status(OpId id) const = 0;

    // Advances completions (call once per frame). Returns true when committed() changed,
    // including changes made by another tab.
    virtual bool poll() = 0;

    virtual StorageEstimate estimate() const = 0;
};

} // namespace recert::storage
