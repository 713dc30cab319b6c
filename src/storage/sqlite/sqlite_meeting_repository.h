#pragma once

#include "common/date.h"
#include "domain/life/meeting_repository.h"
#include "storage/sqlite/pool.h"

namespace dj {

// MeetingRepository on SQLite. Thread-safe: reads use the pool's reader connections, writes
// its writer connection. `pool` and `clock` must outlive the repository.
//
// Beyond the interface's errors: NotFound "meeting.not_found" from Update/Delete when the
// record is gone; Conflict "meeting.stale" when the stored record no longer equals `before`.
class SqliteMeetingRepository final : public MeetingRepository {
 public:
  SqliteMeetingRepository(ConnectionPool& pool, const Clock& clock) : pool_(pool), clock_(clock) {}

  Result<std::vector<MeetingFacts>> LoadFacts() override;
  Result<Meeting> Get(MeetingId id) override;
  Result<std::vector<Meeting>> GetMany(const std::vector<MeetingId>& ids) override;
  Result<std::optional<NodeId>> NodeOf(MeetingId id) override;
  Result<std::vector<Meeting>> ListAt(NodeId node, Date from, Date to) override;
  Result<Meeting> Insert(const WriteContext& ctx, const Meeting& meeting) override;
  Status Update(const WriteContext& ctx, const Meeting& before, const Meeting& after) override;
  Status Delete(const WriteContext& ctx, const Meeting& meeting) override;
  Result<Attachment> AddAttachment(const WriteContext& ctx, const Attachment& attachment,
                                   const std::string& data) override;
  Result<std::pair<Attachment, std::string>> GetAttachment(MeetingId meeting,
                                                           AttachmentId id) override;
  Status DeleteAttachment(const WriteContext& ctx, const Attachment& attachment) override;
  Status Seed(const WriteContext& ctx, const std::vector<Meeting>& meetings) override;

 private:
  ConnectionPool& pool_;
  const Clock& clock_;
};

}  // namespace dj
