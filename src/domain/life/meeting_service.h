// Use cases on meeting records: record, correct, review, delete, attach files, list.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/life/life_index.h"
#include "domain/life/meeting.h"
#include "domain/life/meeting_repository.h"
#include "domain/roster/roster.h"
#include "domain/write_context.h"

namespace dj {

// Limits on a record's text, in characters.
inline constexpr size_t kMeetingShortText = 100;  // place, host, recorder
inline constexpr size_t kMeetingTopicText = 200;
inline constexpr size_t kMeetingMaxTopics = 50;
inline constexpr size_t kMeetingMinutesText = 20000;
inline constexpr size_t kMeetingDecisionsText = 5000;
inline constexpr int64_t kAttachmentMaxBytes = 10 * 1024 * 1024;
inline constexpr size_t kAttachmentsPerMeeting = 30;

// Thread-safe. Writes are serialised so that the database and the read model change in the
// same order.
class MeetingService {
 public:
  MeetingService(MeetingRepository& repo, LifeIndex& index, const Roster& roster,
                 const Clock& clock)
      : repo_(repo), index_(index), roster_(roster), clock_(clock) {}

  // Fills the read model from the database.
  Status LoadIndex();

  // NotFound "meeting.not_found".
  Result<Meeting> Get(MeetingId id);
  MeetingListPage List(const MeetingListQuery& query) const { return index_.List(query); }

  // Every problem with `m` as a new or corrected record, empty when there is none. Fills in
  // what follows from the roster: branch_id, sorted attendees and absences, and each vote's
  // eligible count and outcome (ZB-18-5, XJ-20-3).
  std::vector<FieldError> Check(Meeting& m) const;

  // Records a meeting; it is submitted for review. Validation errors list every problem.
  Result<Meeting> Create(const WriteContext& ctx, Meeting m);
  // Corrects a record that is not accepted (Conflict "meeting.accepted"); the holder and type
  // stay (InvalidArgument "meeting.node_change"). A returned record is submitted again.
  Result<Meeting> Update(const WriteContext& ctx, MeetingId id, Meeting m);
  // Conflict "meeting.accepted" for an accepted record.
  Status Delete(const WriteContext& ctx, MeetingId id);
  // Accepts the record, or returns it with `reason` (required: field "reason"). Conflict
  // "meeting.not_submitted" unless it is waiting for review.
  Result<Meeting> Review(const WriteContext& ctx, MeetingId id, bool accept,
                         const std::string& reason);

  // Keeps a JPEG, PNG or PDF with the record. InvalidArgument "attachment.type_not_allowed"
  // for other types, "attachment.type_mismatch" when the bytes are not of the declared type,
  // "attachment.empty"; TooLarge "attachment.too_large" past kAttachmentMaxBytes; Conflict
  // "attachment.too_many" past kAttachmentsPerMeeting; "meeting.accepted" once accepted.
  Result<Attachment> Attach(const WriteContext& ctx, MeetingId id, std::string name,
                            const std::string& mime, const std::string& data);
  Result<std::pair<Attachment, std::string>> GetAttachment(MeetingId id, AttachmentId aid);
  Status DeleteAttachment(const WriteContext& ctx, MeetingId id, AttachmentId aid);

 private:
  std::mutex write_mutex_;
  MeetingRepository& repo_;
  LifeIndex& index_;
  const Roster& roster_;
  const Clock& clock_;
};

// The node whose rolls a meeting's participants come from: the branch of a group meeting,
// the holder otherwise.
NodeId RollNodeOf(const OrgNode& holder);

}  // namespace dj
