// Evidence staged by a store itself, before any commit: its own file picker, or bytes from memory.
// Not part of the Store interface: the app picks and reads files through the platform's file
// service and sends the bytes with the commit (core::PickedFile::bytes). Only native tests
// (MemoryStore) and the IndexedDB test page (tests/storage_page, through the web store) use it.
#pragma once

#include "core/model.h"
#include "storage/store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace recert::storage {

// One file chosen in the store's picker or staged from memory: accepted (error empty; ref ready to
// put on a record, the bytes staged for the next commit, so `bytes` stays empty) or rejected with a
// message naming the file.
using PickedFile = core::PickedFile;

// What stage_evidence() reports for `bytes` named `name`, before staging them: the ref (safe name,
// sniffed type, SHA-256) and size, or the error naming the file.
PickedFile check_picked(const std::string& name, const std::vector<std::uint8_t>& bytes, std::uint64_t max_bytes);

class EvidenceStaging {
  public:
    virtual ~EvidenceStaging() = default;
    // Opens the browser's file picker (call it from a click); checks each chosen file (type by its
    // bytes, size <= max_bytes) and stages the accepted ones. When the op is ok, take_picked_files()
    // returns the choice (possibly empty when cancelled) and clears it.
    virtual OpId pick_evidence_files(std::uint64_t max_bytes) = 0;
    virtual std::vector<PickedFile> take_picked_files() = 0;
    // Stages bytes from memory as if picked; same checks, result at once.
    virtual PickedFile stage_evidence(const std::string& name, std::vector<std::uint8_t> bytes,
                                      std::uint64_t max_bytes) = 0;
};

} // namespace recert::storage
