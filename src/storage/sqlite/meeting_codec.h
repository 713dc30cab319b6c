// The JSON forms of a meeting's topics and votes (stored in columns of `meetings`) and of a
// whole record (written to the audit log). Compact, fields in declaration order.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/life/meeting.h"

namespace dj {

std::string TopicsToJson(const std::vector<Topic>& topics);
std::string VotesToJson(const std::vector<Vote>& votes);
// Internal "storage.corrupt" when the stored text is not of that shape.
Result<std::vector<Topic>> TopicsFromJson(std::string_view json);
Result<std::vector<Vote>> VotesFromJson(std::string_view json);

// The record without attachments, for the audit log.
std::string MeetingToJson(const Meeting& meeting);
std::string AttachmentToJson(const Attachment& attachment);

}  // namespace dj
