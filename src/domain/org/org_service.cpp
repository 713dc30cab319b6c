#include "domain/org/org_service.h"

#include <algorithm>
#include <string>

#include "common/text.h"

namespace dj {
namespace {

constexpr size_t kMaxNameLength = 60;
constexpr size_t kMaxCodeLength = 40;
constexpr int kMaxCommitteeSize = 31;

bool IsCodeChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' ||
         c == '_';
}

Error NotFound(NodeId id) {
  return Error::NotFound("org.not_found", "组织 " + std::to_string(id) + " 不存在");
}

void Normalize(OrgNode& n) {
  n.name = NormalizeInput(n.name);
  n.code = NormalizeInput(n.code);
}

}  // namespace

Result<OrgNode> OrgService::Get(NodeId id) {
  auto node = roster_.GetNode(id);
  if (!node) return NotFound(id);
  return *node;
}

Result<std::vector<OrgNode>> OrgService::Children(NodeId id) {
  if (!roster_.GetNode(id)) return NotFound(id);
  return roster_.Children(id);
}

Result<std::vector<OrgNode>> OrgService::Path(NodeId id) {
  if (!roster_.GetNode(id)) return NotFound(id);
  return roster_.PathTo(id);
}

std::vector<FieldError> OrgService::CheckFields(const OrgNode& n) const {
  std::vector<FieldError> out;
  auto add = [&](std::string field, std::string value, std::string key, std::string message) {
    out.push_back({0, std::move(field), std::move(value), std::move(key), std::move(message)});
  };
  if (n.name.empty()) {
    add("name", n.name, "required", "组织名称不能为空");
  } else if (!IsValidUtf8(n.name) || Utf8Length(n.name) > kMaxNameLength) {
    add("name", n.name, "too_long", "组织名称不能超过60个字");
  }
  if (n.code.empty()) {
    add("code", n.code, "required", "组织代码不能为空");
  } else if (n.code.size() > kMaxCodeLength ||
             !std::all_of(n.code.begin(), n.code.end(), IsCodeChar)) {
    add("code", n.code, "code_invalid", "组织代码只能由字母、数字、“-”和“_”组成，最长40位");
  }
  if (n.term_start && n.term_end && *n.term_end <= *n.term_start) {
    add("term_end", n.term_end->ToString(), "term_end_before_start", "任期结束日期须晚于开始日期");
  }
  if (n.committee_size < 0 || n.committee_size > kMaxCommitteeSize) {
    add("committee_size", std::to_string(n.committee_size), "out_of_range",
        "委员人数应在0到31之间");
  }
  if (n.secretary_id) {
    auto status = roster_.StatusOf(*n.secretary_id);
    auto place = roster_.PlaceOf(*n.secretary_id);
    if (!status) {
      add("secretary_id", std::to_string(*n.secretary_id), "member_not_found",
          "书记人选（党员编号 " + std::to_string(*n.secretary_id) + "）不存在");
    } else if (*status != MemberStatus::kFull) {
      add("secretary_id", std::to_string(*n.secretary_id), "secretary_not_full_member",
          "书记须由正式党员担任");
    } else if (n.id != 0 && !roster_.IsInSubtree(*place, n.id)) {
      add("secretary_id", std::to_string(*n.secretary_id), "secretary_outside",
          "书记须是本组织（含下级组织）的党员");
    }
  }
  return out;
}

Result<OrgNode> OrgService::Create(const WriteContext& ctx, OrgNode node) {
  auto lock = roster_.WriteLock();
  node.id = 0;
  Normalize(node);
  std::vector<FieldError> problems = CheckFields(node);
  if (node.secretary_id) {
    // A node that does not exist yet has no members to choose a secretary from.
    problems.push_back({0, "secretary_id", std::to_string(*node.secretary_id), "secretary_outside",
                        "新建组织时不能指定书记，请在编入党员后设置"});
  }
  if (node.kind == NodeKind::kCommittee) {
    if (node.parent_id) {
      problems.push_back({0, "parent_id", std::to_string(*node.parent_id), "parent_not_allowed",
                          "机关工委是组织树的根，不能有上级组织"});
    } else if (roster_.Root()) {
      return Error::Conflict("org.root_exists", "已有机关工委作为组织树的根，不能再建一个");
    }
  } else if (!node.parent_id) {
    problems.push_back(
        {0, "parent_id", "", "required", std::string(NodeKindLabel(node.kind)) + "须指定上级组织"});
  } else if (auto parent = roster_.GetNode(*node.parent_id); !parent) {
    problems.push_back({0, "parent_id", std::to_string(*node.parent_id), "parent_not_found",
                        "上级组织 " + std::to_string(*node.parent_id) + " 不存在"});
  } else if (!MayBeChildOf(node.kind, parent->kind)) {
    problems.push_back({0, "parent_id", std::to_string(*node.parent_id), "parent_not_allowed",
                        std::string(NodeKindLabel(node.kind)) + "不能设在" +
                            NodeKindLabel(parent->kind) + "“" + parent->name + "”之下"});
  }
  if (!problems.empty()) return Error::Validation(std::move(problems));
  if (roster_.FindNodeByCode(node.code)) {
    return Error::Conflict("org.code_duplicate", "组织代码 " + node.code + " 已被使用");
  }
  DJ_ASSIGN_OR_RETURN(OrgNode created, repo_.InsertNode(ctx, node));
  DJ_RETURN_IF_ERROR(roster_.PutNode(created));
  return created;
}

Result<OrgNode> OrgService::Update(const WriteContext& ctx, NodeId id, OrgNode after) {
  auto lock = roster_.WriteLock();
  auto before = roster_.GetNode(id);
  if (!before) return NotFound(id);
  after.id = id;
  Normalize(after);
  std::vector<FieldError> problems = CheckFields(after);
  if (after.kind == NodeKind::kCommittee || before->kind == NodeKind::kCommittee) {
    if (after.kind != before->kind) {
      problems.push_back({0, "kind", NodeKindId(after.kind), "kind_not_allowed",
                          "机关工委的类型不能更改，其他组织也不能改为机关工委"});
    } else if (after.parent_id) {
      problems.push_back({0, "parent_id", std::to_string(*after.parent_id), "parent_not_allowed",
                          "机关工委是组织树的根，不能有上级组织"});
    }
  } else if (!after.parent_id) {
    problems.push_back({0, "parent_id", "", "required",
                        std::string(NodeKindLabel(after.kind)) + "须指定上级组织"});
  } else if (auto parent = roster_.GetNode(*after.parent_id); !parent) {
    problems.push_back({0, "parent_id", std::to_string(*after.parent_id), "parent_not_found",
                        "上级组织 " + std::to_string(*after.parent_id) + " 不存在"});
  } else if (roster_.IsInSubtree(*after.parent_id, id)) {
    return Error::InvalidArgument("org.move_into_own_subtree",
                                  "不能把“" + before->name + "”移到它自己或它的下级组织之下");
  } else if (!MayBeChildOf(after.kind, parent->kind)) {
    problems.push_back({0, "parent_id", std::to_string(*after.parent_id), "parent_not_allowed",
                        std::string(NodeKindLabel(after.kind)) + "不能设在" +
                            NodeKindLabel(parent->kind) + "“" + parent->name + "”之下"});
  }
  if (!problems.empty()) return Error::Validation(std::move(problems));
  if (after.kind != before->kind) {
    for (const OrgNode& child : roster_.Children(id)) {
      if (!MayBeChildOf(child.kind, after.kind)) {
        return Error::Conflict("org.kind_conflicts_with_children",
                               std::string("下级组织“") + child.name + "”是" +
                                   NodeKindLabel(child.kind) + "，不能设在" +
                                   NodeKindLabel(after.kind) + "之下");
      }
    }
    if ((before->kind == NodeKind::kBranch || before->kind == NodeKind::kGroup) &&
        roster_.HasMemberHistory(id)) {
      return Error::Conflict("org.kind_change_with_members",
                             "“" + before->name + "”有党员或党员的历史记录，不能更改组织类型");
    }
  }
  if (after.code != before->code && roster_.FindNodeByCode(after.code)) {
    return Error::Conflict("org.code_duplicate", "组织代码 " + after.code + " 已被使用");
  }
  if (after == *before) return after;
  DJ_RETURN_IF_ERROR(repo_.UpdateNode(ctx, *before, after));
  DJ_RETURN_IF_ERROR(roster_.PutNode(after));
  return after;
}

Status OrgService::Delete(const WriteContext& ctx, NodeId id) {
  auto lock = roster_.WriteLock();
  auto node = roster_.GetNode(id);
  if (!node) return NotFound(id);
  auto children = roster_.Children(id);
  if (!children.empty()) {
    return Error::Conflict(
        "org.has_children",
        "“" + node->name + "”下还有 " + std::to_string(children.size()) + " 个下级组织，不能删除");
  }
  if (int64_t n = roster_.ActiveMembersAt(id); n > 0) {
    return Error::Conflict("org.has_members",
                           "“" + node->name + "”还有 " + std::to_string(n) + " 名党员，不能删除");
  }
  if (roster_.HasMemberHistory(id)) {
    return Error::Conflict("org.has_member_history",
                           "“" + node->name + "”有党员的历史记录，删除会丢失历史，不能删除");
  }
  DJ_RETURN_IF_ERROR(repo_.DeleteNode(ctx, *node));
  roster_.RemoveNode(id);
  return Ok();
}

}  // namespace dj
