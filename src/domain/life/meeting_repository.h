#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/life/meeting.h"
#include "domain/write_context.h"

namespace dj {

// Storage of meeting records and their attachments. Each write is one transaction that
// includes its audit entry. Implementations are thread-safe.
class MeetingRepository {
 public:
  virtual ~MeetingRepository() = default;

  // What the read model needs of every meeting, read in one transaction.
  virtual Result<std::vector<MeetingFacts>> LoadFacts() = 0;
  // The record with its attachments' descriptions. NotFound "meeting.not_found".
  virtual Result<Meeting> Get(MeetingId id) = 0;
  // The records with these ids (attachments not read), in the order given; missing ids are
  // skipped.
  virtual Result<std::vector<Meeting>> GetMany(const std::vector<MeetingId>& ids) = 0;
  // The node holding the meeting, or nullopt when there is no such meeting (for the guard).
  virtual Result<std::optional<NodeId>> NodeOf(MeetingId id) = 0;
  // The records held by `node` dated in [from, to], oldest first (for ledgers).
  virtual Result<std::vector<Meeting>> ListAt(NodeId node, Date from, Date to) = 0;

  // Stores a new record (its id is ignored) and returns it with the assigned id.
  virtual Result<Meeting> Insert(const WriteContext& ctx, const Meeting& meeting) = 0;
  // Replaces `before` with `after` (same id).
  virtual Status Update(const WriteContext& ctx, const Meeting& before, const Meeting& after) = 0;
  // Removes the record and its attachments.
  virtual Status Delete(const WriteContext& ctx, const Meeting& meeting) = 0;

  // Stores the file and returns its description (id assigned).
  virtual Result<Attachment> AddAttachment(const WriteContext& ctx, const Attachment& attachment,
                                           const std::string& data) = 0;
  // The description and bytes. NotFound "attachment.not_found" unless it belongs to
  // `meeting`.
  virtual Result<std::pair<Attachment, std::string>> GetAttachment(MeetingId meeting,
                                                                   AttachmentId id) = 0;
  virtual Status DeleteAttachment(const WriteContext& ctx, const Attachment& attachment) = 0;

  // Writes many records, ids as given, in one transaction with one audit entry for the batch
  // (the demo generator). Conflict "storage.not_empty" when any meeting exists.
  virtual Status Seed(const WriteContext& ctx, const std::vector<Meeting>& meetings) = 0;
};

}  // namespace dj
