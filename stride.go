// Package stride holds the domain of stride, a tracker built on "progress,
// not perfection": goals measured the user's own way, small steps that all
// count, and a forgiving momentum. It declares the types and the service
// interfaces; the stores (sqlite, postgres) and transports implement them.
// It imports nothing else of the project.
package stride

import (
	"context"
	"errors"
	"fmt"
)

// Error codes, one per kind of failure a caller can act on. Transports map
// them to exit statuses and HTTP statuses.
const (
	ECONFLICT     = "conflict"     // the change clashes with existing data (a duplicate name)
	EINTERNAL     = "internal"     // a fault of stride or its database
	EINVALID      = "invalid"      // the input is malformed or out of range
	ENOTFOUND     = "not_found"    // the object does not exist for this user
	EUNAUTHORIZED = "unauthorized" // no user signed in, or a bad or expired credential
	EFORBIDDEN    = "forbidden"    // signed in, but not allowed this (a read-only token writing)
)

// Error is an error a person can act on: a code and a message written for
// the user.
type Error struct {
	Code    string
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the message of an
// *Error, or a generic one for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error: " + err.Error()
}

type contextKey int

const userContextKey contextKey = iota

// NewContextWithUser returns a context carrying the user every store query
// is scoped to.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userContextKey, u)
}

// UserFromContext returns the user in ctx, or nil.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userContextKey).(*User)
	return u
}

// UserIDFromContext returns the id of the user in ctx, or an EUNAUTHORIZED
// error when there is none.
func UserIDFromContext(ctx context.Context) (int64, error) {
	if u := UserFromContext(ctx); u != nil && u.ID != 0 {
		return u.ID, nil
	}
	return 0, Errorf(EUNAUTHORIZED, "no user is signed in")
}

// Services bundles what a transport needs; each store and the API client
// fill it with the same interfaces.
type Services struct {
	Users  UserService
	Goals  GoalService
	Steps  StepService
	Status StatusService
	// The reflection records of METHOD.md principles 5-7 and 10-15.
	Lessons LessonService
	Doubts  DoubtService
	Focus   FocusService
	Works   WorkService
	Wins    WinService
	Reviews ReviewService
	// Backup exports and imports whole documents (backups, other trackers).
	Backup BackupService
	// Auth is nil for the API client: a remote server keeps its own.
	Auth AuthService
	// Close releases the store.
	Close func() error
}
