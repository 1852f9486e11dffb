package stride

import (
	"context"
	"time"
)

// TokenScope says what an API token may do.
type TokenScope string

// Token scopes: read-only tokens answer 403 to any write.
const (
	ScopeRead      TokenScope = "read"
	ScopeReadWrite TokenScope = "read_write"
)

// Token is an API token. Its secret is shown once at creation; the store
// keeps only its SHA-256 and its last four characters.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"-"`
	Name       string     `json:"name"`
	Scope      TokenScope `json:"scope"`
	Last4      string     `json:"last4"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
}

// Session is a signed-in browser. The cookie holds a random secret; the
// store keeps only its SHA-256.
type Session struct {
	ID         int64     `json:"id"`
	UserID     int64     `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	UserAgent  string    `json:"user_agent,omitempty"`
	IP         string    `json:"ip,omitempty"`
}

// RegistrationMode says who may create an account on a server.
type RegistrationMode string

// Registration modes; closed is the default once the first user exists.
const (
	RegistrationOpen   RegistrationMode = "open"
	RegistrationInvite RegistrationMode = "invite"
	RegistrationClosed RegistrationMode = "closed"
)

// UserUpdate changes the fields that are not nil.
type UserUpdate struct {
	TimeZone  *string
	WeekStart *time.Weekday
}

// AuthService keeps what signing in needs: password hashes, sessions, API
// tokens, login throttling and server settings. Secrets never reach it:
// callers pass SHA-256 hashes of session and token secrets and argon2id
// hashes of passwords. It is not scoped by the context's user; it is how
// that user is found. Every method returns an internal error on database
// failure besides the errors named.
type AuthService interface {
	// PasswordHash returns the user and the stored password hash ("" when
	// none is set), or ENOTFOUND.
	PasswordHash(ctx context.Context, name string) (*User, string, error)
	// CreateAccount stores u with the password hash in one transaction
	// and sets u.ID, so no account is ever left without its password;
	// ECONFLICT when the name is taken, EINVALID for a bad name.
	CreateAccount(ctx context.Context, u *User, hash string) error
	// SetPasswordHash stores a new password hash for the user and ends all
	// the user's sessions; ENOTFOUND.
	SetPasswordHash(ctx context.Context, userID int64, hash string) error
	// UpdateUser changes a user's settings and returns the user; ENOTFOUND, EINVALID.
	UpdateUser(ctx context.Context, userID int64, upd UserUpdate) (*User, error)

	// CreateSession stores a session for the secret's hash and sets s.ID.
	CreateSession(ctx context.Context, s *Session, secretHash []byte) error
	// FindSession returns the session and its user for a secret hash,
	// ENOTFOUND when there is none or it is older than maxAge or idle
	// longer than idle at now. It records now as the last use.
	FindSession(ctx context.Context, secretHash []byte, now time.Time, idle, maxAge time.Duration) (*Session, *User, error)
	// FindSessions returns the user's sessions, newest first.
	FindSessions(ctx context.Context, userID int64) ([]*Session, error)
	// DeleteSession ends one of the user's sessions; ENOTFOUND.
	DeleteSession(ctx context.Context, userID, id int64) error
	// DeleteSessions ends every session of the user (logout everywhere).
	DeleteSessions(ctx context.Context, userID int64) error

	// CreateToken stores t for the secret's hash and sets t.ID.
	CreateToken(ctx context.Context, t *Token, secretHash []byte) error
	// FindToken returns the token and its user for a secret hash, ENOTFOUND
	// when unknown, revoked or expired at now. It records now as last use.
	FindToken(ctx context.Context, secretHash []byte, now time.Time) (*Token, *User, error)
	// FindTokens returns the user's tokens, newest first.
	FindTokens(ctx context.Context, userID int64) ([]*Token, error)
	// DeleteToken revokes one of the user's tokens; ENOTFOUND.
	DeleteToken(ctx context.Context, userID, id int64) error

	// LoginFailures counts failed sign-ins recorded for key since.
	LoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	// RecordLoginFailure records a failed sign-in for key at now.
	RecordLoginFailure(ctx context.Context, key string, now time.Time) error
	// ClearLoginFailures forgets key's failures (after a good sign-in).
	ClearLoginFailures(ctx context.Context, key string) error

	// Setting returns a server setting, "" when unset.
	Setting(ctx context.Context, key string) (string, error)
	// FindSettings returns every setting whose name starts with prefix.
	FindSettings(ctx context.Context, prefix string) (map[string]string, error)
	// SetSetting stores a server setting.
	SetSetting(ctx context.Context, key, value string) error
	// ClaimSetting atomically replaces a setting's value old with new and
	// reports whether it did: one-time setup links and invites are spent
	// exactly once even with several servers.
	ClaimSetting(ctx context.Context, key, old, new string) (bool, error)
}
