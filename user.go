package stride

import (
	"context"
	"time"
)

// User owns every goal, step and record. On a local database the CLI uses
// one user, created on first run and named after the OS user.
type User struct {
	ID        int64        `json:"id"`
	Name      string       `json:"name"`
	TimeZone  string       `json:"time_zone,omitempty"` // IANA name; "" means the machine's zone
	WeekStart time.Weekday `json:"week_start"`          // first day of a target week, Monday by default
	CreatedAt time.Time    `json:"created_at"`
	// DataRev is the revision of the user's data as read with the user
	// when a session or token was looked up, nil when not read. Every
	// write that can change what the board shows makes it larger, so an
	// answer cached under it stays exact while a later lookup reads the
	// same value.
	DataRev *int64 `json:"-"`
}

// UserService finds and creates users. It is not scoped by the context's
// user: it is how that user is found.
type UserService interface {
	// FindUserByName returns the user, or ENOTFOUND.
	FindUserByName(ctx context.Context, name string) (*User, error)
	// FindUsers returns every user, by name.
	FindUsers(ctx context.Context) ([]*User, error)
	// CreateUser stores u and sets its ID; ECONFLICT when the name is taken.
	CreateUser(ctx context.Context, u *User) error
	// EnsureUser returns the user with this name, creating it on first use.
	EnsureUser(ctx context.Context, name string) (*User, error)
}
