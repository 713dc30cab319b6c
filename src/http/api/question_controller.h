// HTTP routes of the contests' question bank (题库), kept by the committee:
//   GET    /api/contest/questions?q=&tag=&kind=&difficulty=&page=&page_size=   search
//   GET    /api/contest/questions/tags         every tag with its questions per kind
//   GET    /api/contest/questions/import/template   the import template (.xlsx)
//   POST   /api/contest/questions/import       an .xlsx of questions, all or nothing
//   GET    /api/contest/questions/export?q=&tag=&kind=&difficulty=   the questions found (.xlsx)
//   GET    /api/contest/questions/:id          one
//   POST   /api/contest/questions              add one
//   PUT    /api/contest/questions/:id          replace one
//   DELETE /api/contest/questions/:id          remove one
// Shapes in docs/api.md.
#pragma once

#include "domain/contest/question_bank.h"
#include "http/router.h"

namespace dj::http {

// Registers the routes. `bank` must outlive the router.
void AddQuestionRoutes(Router& router, QuestionBank& bank);

}  // namespace dj::http
