package schema

// Operation keys to pass to [Validator.Validate]: authentik's operationIds
// for the user login stage API, and akmock's own responses.
const (
	// OpList is GET /api/v3/stages/user_login/ (200 PaginatedUserLoginStageList).
	OpList = "stages_user_login_list"
	// OpCreate is POST /api/v3/stages/user_login/ (201 UserLoginStage).
	OpCreate = "stages_user_login_create"
	// OpRetrieve is GET /api/v3/stages/user_login/{stage_uuid}/ (200 UserLoginStage).
	OpRetrieve = "stages_user_login_retrieve"
	// OpUpdate is PUT /api/v3/stages/user_login/{stage_uuid}/ (200 UserLoginStage).
	OpUpdate = "stages_user_login_update"
	// OpPartialUpdate is PATCH /api/v3/stages/user_login/{stage_uuid}/ (200 UserLoginStage).
	OpPartialUpdate = "stages_user_login_partial_update"
	// OpDestroy is DELETE /api/v3/stages/user_login/{stage_uuid}/ (204, no body).
	OpDestroy = "stages_user_login_destroy"
	// OpUsedByList is GET /api/v3/stages/user_login/{stage_uuid}/used_by/ (200 array of UsedBy).
	OpUsedByList = "stages_user_login_used_by_list"

	// OpSchemaViolation is akmock's own 500 answer to a response body that
	// failed its schema: {"detail": ..., "errors": [Violation, ...]}.
	OpSchemaViolation = "akmock_schema_violation"

	// OpOptionsMetadata is DRF's answer to OPTIONS on the viewset's routes, which authentik's
	// OpenAPI document does not describe: {"name", "description", "renders", "parses", "actions"?}.
	OpOptionsMetadata = "drf_options_metadata"

	// OpControlData, OpControlExport, OpControlJournal and OpControlFaults are akmock's control
	// API (/_akmock/…): data reset and replace, data export, the request journal, fault rules.
	OpControlData    = "akmock_control_data"
	OpControlExport  = "akmock_control_export"
	OpControlJournal = "akmock_control_journal"
	OpControlFaults  = "akmock_control_faults"
)

// operations maps each operation key to the embedded file (relative to json/)
// whose $defs hold one schema per HTTP status ("200", "404", ...). A status
// whose schema is the boolean false has no body. Adding responses is a matter
// of adding a file and a row here.
var operations = []struct{ op, file string }{
	{OpList, "operations/stages_user_login_list.json"},
	{OpCreate, "operations/stages_user_login_create.json"},
	{OpRetrieve, "operations/stages_user_login_retrieve.json"},
	{OpUpdate, "operations/stages_user_login_update.json"},
	{OpPartialUpdate, "operations/stages_user_login_partial_update.json"},
	{OpDestroy, "operations/stages_user_login_destroy.json"},
	{OpUsedByList, "operations/stages_user_login_used_by_list.json"},
	{OpSchemaViolation, "akmock/akmock_schema_violation.json"},
	{OpOptionsMetadata, "akmock/drf_options_metadata.json"},
	{OpControlData, "akmock/akmock_control_data.json"},
	{OpControlExport, "akmock/akmock_control_export.json"},
	{OpControlJournal, "akmock/akmock_control_journal.json"},
	{OpControlFaults, "akmock/akmock_control_faults.json"},
}

// Component files compiled on their own, for piecewise validation of list
// responses. They are the same files the list schema references.
const (
	stageFile      = "components/UserLoginStage.json"
	paginationFile = "components/Pagination.json"
	pageFile       = "components/PaginatedUserLoginStageList.json"
	stageArrayFile = "components/UserLoginStageArray.json"
)

// ExceptionSearchNullCharacter names the bare-array 400 authentik sends for a
// NUL character in the search query parameter.
const ExceptionSearchNullCharacter = "search-null-character"

// An Exception is a response authentik really sends that does not fit its own
// OpenAPI document. akmock reproduces it, and validates it with
// [Validator.ValidateException] against a schema written for what authentik
// actually sends.
type Exception struct {
	// Name is the key to pass to [Validator.ValidateException].
	Name string
	// Operations lists the operation keys that can send it.
	Operations []string
	// Status is its HTTP status.
	Status int
	// Why says how the response departs from the OpenAPI document and why
	// authentik sends it.
	Why string
	// Schema is the embedded schema file, relative to the json directory.
	Schema string
}

// Exceptions lists every documented [Exception]. Treat it as read-only; [New]
// compiles one schema per entry.
var Exceptions = []Exception{
	{
		Name:       ExceptionSearchNullCharacter,
		Operations: []string{OpList, OpRetrieve, OpUpdate, OpPartialUpdate, OpDestroy},
		Status:     400,
		Why: `A NUL character anywhere in the search query parameter makes DRF's SearchFilter ` +
			`answer 400 with the bare array ["Null characters are not allowed."] instead of a ` +
			`ValidationError object. The item routes run the same filter backends in get_object; ` +
			`used_by has none (oracle).`,
		Schema: "exceptions/search-null-character.json",
	},
}
