// Package query applies authentik 2025.6's list semantics to in-memory stages: django-filter's
// FilterSet for `filterset_fields = "__all__"`, DRF 3.16's SearchFilter and OrderingFilter, and
// authentik's Pagination on DRF's PageNumberPagination over Django's Paginator.
//
// It is pure: no net/http, no JSON, no locks. The server parses the query string with
// [ParseValues] and turns it into [Params] with [Parse]; the store runs a version's rows through
// [Order], [Filter] and [Search] and keeps recent results (store.Version's Select, a bounded
// cache), and the server cuts the page with [Paginate]. Errors are values: [*Error] is a 400 with a field → messages
// body, [ErrSearchNull] the bare-list 400 of a NUL in `search`, [ErrOrderingFlowSet] authentik's
// 500 for `ordering=flow_set`, [ErrEndIndexOverflow] its 500 for a page size beyond
// max(1, count) * 2**1075, [ErrInvalidPage] the 404 for a page that does not exist.
//
// Every rule names its source: the Python function whose behaviour it reproduces.
package query
