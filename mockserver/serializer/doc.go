// Package serializer validates write bodies as authentik's UserLoginStageSerializer does on
// DRF 3.16: the same fields in the same order, the same messages, every field error at once,
// and the same unhandled errors where authentik's own code lets an exception escape, the
// database's refusal of a name too large for its unique index included (fixtures/pgsize).
//
// It is pure: it sees a decoded body ([pyjson.Value]), the stage being written, and a function
// that says whether a name is taken; the server runs it under the store's write lock so the
// uniqueness check and the write are one step.
package serializer
