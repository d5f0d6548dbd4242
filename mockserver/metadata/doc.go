// Package metadata holds the bodies authentik 2025.6 answers OPTIONS requests with (DRF's
// SimpleMetadata over authentik's serializers). They were recorded from the reference oracle,
// whose simplified models lack what authentik's give the stage and flow fields: help texts
// (the descriptions of authentik's OpenAPI document), PolicyEngineMode's choice labels,
// FlowDesignation's "Unrenollment" label and the type of policybindingmodel_ptr_id (a
// ReadOnlyField, "field"); those parts follow authentik's sources (TestGolden applies them to
// the recorded bodies and lists them). They depend on the models only, never on the data, so
// they are served as they are.
package metadata

import _ "embed"

// List is the OPTIONS answer on the list route: the POST action's fields.
//
//go:embed list.json
var List []byte

// Detail is the OPTIONS answer on an item route whose stage the user may see: the PUT action's
// fields.
//
//go:embed detail.json
var Detail []byte

// DetailWithoutObject is the OPTIONS answer on an item route when DRF's get_object fails (an
// unknown or malformed pk, a filter that excludes the stage, an anonymous user): no actions.
//
//go:embed detail-noobject.json
var DetailWithoutObject []byte

// UsedBy is the OPTIONS answer on the used_by route.
//
//go:embed used_by.json
var UsedBy []byte
