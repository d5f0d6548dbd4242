// Package schema validates akmock's response bodies against JSON Schemas
// before they leave the server.
//
// The schemas are JSON Schema draft 2020-12 files embedded from the json
// directory beside this file, with format assertion turned on (so "format":
// "uuid" is checked):
//
//   - json/components: one file per component of authentik 2025.6's OpenAPI
//     document (UserLoginStage, FlowSet, Pagination, ...), translated by hand,
//     and UserLoginStageArray, akmock's own bare array of stages.
//   - json/operations: one file per operationId; its $defs map each HTTP
//     status to the schema of that response's body.
//   - json/exceptions: bodies authentik really sends that do not fit its own
//     OpenAPI document (see [Exceptions]).
//   - json/akmock: akmock's own responses, laid out like the operation files.
//
// The schemas deviate from the OpenAPI text where authentik's real responses
// are stricter than the document, and each file says so in its $comment:
// UserLoginStage, FlowSet, Pagination, PaginatedUserLoginStageList, UsedBy
// and GenericError reject unknown keys (authentik's generated Go client
// rejects them too) and require every key authentik always sends; a stage's
// component, verbose_name, verbose_name_plural and meta_model_name are
// constants; pagination values are integers >= 0, current and total_pages at
// least 1, and next never 1.
//
// A response made of stored parts is checked by its parts:
// [Validator.StageResponse], [Validator.PageResponse] and
// [Validator.StageArrayResponse] say whether an (operationId, status) is
// answered with one stage, a page of them or a bare array of them, then
// [Validator.ValidateStage] and [Validator.ValidatePagination] check the
// parts. [Validator.ValidateException] checks an exception's body, and that
// the operation and status are among those it is listed for.
//
// The package sees only JSON bytes, never akmock's Go types, so a serializer
// bug cannot hide from it. A [Validator] compiles every schema once in [New];
// [Validator.Validate] then checks a body for an (operationId, status) pair and
// reports an [*Error] listing the leaf [Violation]s. Bodies are decoded with
// json.Decoder.UseNumber, as jsonschema requires raw JSON values.
//
// Responses without a JSON body are not validated against a schema:
//
//   - A status whose schema is the boolean false (204 of
//     stages_user_login_destroy) means "no body": Validate accepts exactly an
//     empty body there.
//   - authentik's HTML error pages (unknown URL 404, unhandled-error 500 on
//     GET) and the empty 405 its error handler gives to POST, PUT, PATCH and
//     DELETE are not JSON, and have no schema here: the server builds them in
//     one place from fixed text and must not pass them to Validate, whose 405
//     schema is the JSON GenericError.
//
// To add a response schema (for example for the control API), add a file
// under json/ with a $defs entry per status and add one row to the
// operations table in table.go; TestTable lists the expected pairs.
package schema
