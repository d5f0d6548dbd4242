package query

import (
	"strconv"
	"strings"

	"akmock/fixtures"
)

// Filters holds django-filter's cleaned values; nil means "no filter" (an absent or empty value).
type Filters struct {
	StageUUID              *string // canonical lower-case hyphenated UUID
	Name                   *string
	SessionDuration        *string
	NetworkBinding         *string
	GeoIPBinding           *string
	TerminateOtherSessions *bool
	RememberMeOffset       *string
}

// Active reports whether any filter applies.
func (f Filters) Active() bool {
	return f.StageUUID != nil || f.Name != nil || f.SessionDuration != nil || f.NetworkBinding != nil ||
		f.GeoIPBinding != nil || f.TerminateOtherSessions != nil || f.RememberMeOffset != nil
}

// Key is a canonical text for the filters and search terms, usable as a cache key: two
// requests with the same key select the same rows.
func (f Filters) Key(search []string) string {
	b := make([]byte, 0, 64)
	str := func(p *string) {
		if p == nil {
			b = append(b, '-')
			return
		}
		b = strconv.AppendInt(append(b, '+'), int64(len(*p)), 10)
		b = append(append(b, ':'), *p...)
	}
	str(f.StageUUID)
	str(f.Name)
	str(f.SessionDuration)
	str(f.NetworkBinding)
	str(f.GeoIPBinding)
	switch {
	case f.TerminateOtherSessions == nil:
		b = append(b, '-')
	case *f.TerminateOtherSessions:
		b = append(b, 't')
	default:
		b = append(b, 'f')
	}
	str(f.RememberMeOffset)
	for i := range search {
		str(&search[i])
	}
	return string(b)
}

// PageRequest holds the raw paging parameters; they are judged against the row count by [Paginate].
type PageRequest struct {
	Page     string // the `page` value; "" is page 1
	PageSize string // the `page_size` value; "" is the default size
}

// Params is a list request after parsing: what to filter, search, order by and which page.
type Params struct {
	Filters  Filters
	Search   []string // terms, all of which must occur in the name
	Ordering Ordering
	Page     PageRequest
}

// Parse turns query values into [Params], failing as authentik's filter backends fail, in the
// order they run (settings DEFAULT_FILTER_BACKENDS): django-filter first (an [*Error] with every
// bad filter), then ordering ([ErrOrderingFlowSet]), then search ([ErrSearchNull]).
func Parse(v Values) (Params, error) {
	var p Params
	var err error
	if p.Filters, err = parseFilters(v); err != nil {
		return p, err
	}
	if p.Ordering, err = ParseOrdering(v["ordering"]); err != nil {
		return p, err
	}
	// DRF SearchFilter.get_search_terms: CharField(trim_whitespace=False, allow_blank=True) runs
	// Django's ProhibitNullCharactersValidator on the raw value.
	search := v["search"]
	if strings.IndexByte(search, 0) >= 0 {
		return p, ErrSearchNull
	}
	p.Search = SearchTerms(search)
	p.Page = PageRequest{Page: v["page"], PageSize: v["page_size"]}
	return p, nil
}

// parseFilters cleans the filter parameters as django-filter's FilterSet form does for
// UserLoginStage with filterset_fields = "__all__". Fields are checked in the filterset's order
// (model field creation order), which is the key order of the 400 body.
func parseFilters(v Values) (Filters, error) {
	var f Filters
	var errs Error

	// UUIDFilter → forms.UUIDField: CharField.to_python strips, then uuid.UUID(value).
	if raw := PyStrip(v["stage_uuid"]); raw != "" {
		if u, ok := PyUUID(raw); ok {
			f.StageUUID = &u
		} else {
			errs.Add("stage_uuid", MsgInvalidUUID)
		}
	}
	f.Name = charFilter(v, "name", &errs)
	f.SessionDuration = charFilter(v, "session_duration", &errs)
	f.NetworkBinding = choiceFilter(v, "network_binding", fixtures.NetworkBindings, &errs)
	f.GeoIPBinding = choiceFilter(v, "geoip_binding", fixtures.GeoIPBindings, &errs)
	f.TerminateOtherSessions = parseBoolean(v["terminate_other_sessions"])
	f.RememberMeOffset = charFilter(v, "remember_me_offset", &errs)
	if !errs.Empty() {
		failed := errs
		return Filters{}, &failed
	}
	return f, nil
}

// charFilter is django-filter's CharFilter: forms.CharField(strip=True) with Django's
// ProhibitNullCharactersValidator; an empty value means no filter.
func charFilter(v Values, field string, errs *Error) *string {
	s := PyStrip(v[field])
	switch {
	case s == "":
		return nil
	case strings.IndexByte(s, 0) >= 0:
		errs.Add(field, MsgNullCharacter)
		return nil
	}
	return newString(s)
}

// choiceFilter is django-filter's ChoiceFilter: forms.ChoiceField, no stripping; an empty value
// means no filter.
func choiceFilter(v Values, field string, choices []string, errs *Error) *string {
	s := v[field]
	switch {
	case s == "":
		return nil
	case !fixtures.IsChoice(choices, s):
		errs.Add(field, InvalidChoiceMessage(s))
		return nil
	}
	return newString(s)
}

// newString allocates only for a filter that applies, keeping the common no-filter path free of
// allocations.
func newString(s string) *string { return &s }

// parseBoolean is django-filter's BooleanWidget: the value lower-cased, "true"/"1" and
// "false"/"0" are booleans, anything else means "no filter" (never an error). Python's lower()
// turns no non-ASCII character into one of these ASCII letters, so ASCII folding is exact.
func parseBoolean(s string) *bool {
	var b bool
	switch strings.ToLower(s) {
	case "true", "1":
		b = true
	case "false", "0":
		b = false
	default:
		return nil
	}
	return &b
}
