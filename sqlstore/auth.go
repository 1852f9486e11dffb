package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/strideapp/stride"
)

// AuthService implements stride.AuthService. Like UserService it is not
// scoped by the context's user: it is how that user is found.
//
// Times in its tables are Unix seconds (see the 00002_auth migrations):
// expiry and throttling compare them in SQL, and integers compare alike on
// SQLite and PostgreSQL. A second is finer than any timeout here.
type AuthService struct {
	s *store
	// failures counts RecordLoginFailure calls, to prune old rows now and
	// then rather than on every failed sign-in.
	failures atomic.Uint64
}

var _ stride.AuthService = (*AuthService)(nil)

// touchEvery is how stale last_seen_at and last_used_at may get before a
// read refreshes them: a write on every request would cost more than the
// lookup itself (on SQLite, a serialised write), and a minute is finer
// than any idle timeout or "last used" display needs.
const touchEvery = time.Minute

// pruneEvery is how many recorded failures pass between deletions of rows
// older than failureTTL. Throttling windows are minutes long; a day keeps
// enough for an operator to look at.
const (
	pruneEvery = 64
	failureTTL = 24 * time.Hour
)

// maxUserAgent bounds the stored User-Agent, so a hostile header cannot
// bloat the sessions table; a browser's fits.
const maxUserAgent = 256

func unix(t time.Time) int64 { return t.Unix() }

func fromUnix(n int64) time.Time { return time.Unix(n, 0).UTC() }

func fromNullUnix(v sql.Null[int64]) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromUnix(v.V)
	return &t
}

func nullUnix(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Unix()
}

// seconds truncates t to what the tables keep, so that a value the caller
// wrote equals the one read back.
func seconds(t time.Time) time.Time { return fromUnix(t.Unix()) }

func userNotFound(id int64) error {
	return stride.Errorf(stride.ENOTFOUND, "no user with id %d", id)
}

// PasswordHash returns the user named name and the stored password hash,
// "" when none is set. It returns ENOTFOUND when there is no such user.
func (as *AuthService) PasswordHash(ctx context.Context, name string) (*stride.User, string, error) {
	var u stride.User
	var ws int
	var hash string
	err := as.s.reads.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE name = $1`, name).
		Scan(&u.ID, &u.Name, &u.TimeZone, &ws, &u.CreatedAt, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", stride.Errorf(stride.ENOTFOUND, "no user named %q", name)
	} else if err != nil {
		return nil, "", fmt.Errorf("find password hash: %w", err)
	}
	u.WeekStart = time.Weekday(ws)
	return &u, hash, nil
}

// CreateAccount stores u with the password hash in one transaction and
// sets u.ID. It returns ECONFLICT when the name is taken, EINVALID for a
// bad name or an empty hash.
func (as *AuthService) CreateAccount(ctx context.Context, u *stride.User, hash string) error {
	if hash == "" {
		return stride.Errorf(stride.EINVALID, "an account needs a password")
	}
	return as.s.createUser(ctx, u, hash)
}

// SetPasswordHash stores hash ("" removes the password: the user cannot
// sign in) and ends all the user's sessions in the same transaction, so a
// changed password locks out whoever knew the old one. It returns
// ENOTFOUND when there is no such user.
func (as *AuthService) SetPasswordHash(ctx context.Context, userID int64, hash string) error {
	return as.s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID)
		if err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("set password: %w", err)
		} else if n == 0 {
			return userNotFound(userID)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
			return fmt.Errorf("set password: end sessions: %w", err)
		}
		return nil
	})
}

// UpdateUser changes the user's time zone and week start where upd says
// so and returns the user. It returns ENOTFOUND when there is no such user
// and EINVALID for a time zone time.LoadLocation does not know or a week
// start outside 0 (Sunday) to 6 (Saturday).
func (as *AuthService) UpdateUser(ctx context.Context, userID int64, upd stride.UserUpdate) (*stride.User, error) {
	var u *stride.User
	err := as.s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, userID))
		if errors.Is(err, sql.ErrNoRows) {
			return userNotFound(userID)
		} else if err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		if upd.TimeZone != nil {
			u.TimeZone = strings.TrimSpace(*upd.TimeZone)
		}
		if upd.WeekStart != nil {
			u.WeekStart = *upd.WeekStart
		}
		if err := validateUser(u); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET time_zone = $1, week_start = $2, data_rev = data_rev + 1 WHERE id = $3`,
			u.TimeZone, int(u.WeekStart), userID); err != nil {
			return fmt.Errorf("update user: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// CreateSession stores s for secretHash and sets s.ID. A zero CreatedAt
// becomes now and a zero LastSeenAt becomes CreatedAt; both are kept to
// the second, and s holds the stored values. It returns EINVALID for an
// empty hash.
func (as *AuthService) CreateSession(ctx context.Context, s *stride.Session, secretHash []byte) error {
	if len(secretHash) == 0 {
		return stride.Errorf(stride.EINVALID, "a session needs the hash of its secret")
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = as.s.now()
	}
	if s.LastSeenAt.IsZero() {
		s.LastSeenAt = s.CreatedAt
	}
	s.CreatedAt, s.LastSeenAt = seconds(s.CreatedAt), seconds(s.LastSeenAt)
	s.UserAgent = truncate(s.UserAgent, maxUserAgent)
	s.IP = truncate(s.IP, 64)
	err := as.s.db.QueryRowContext(ctx,
		`INSERT INTO sessions (user_id, secret_hash, created_at, last_seen_at, user_agent, ip)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		s.UserID, secretHash, unix(s.CreatedAt), unix(s.LastSeenAt), s.UserAgent, s.IP).Scan(&s.ID)
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

const sessionColumns = `s.id, s.user_id, s.created_at, s.last_seen_at, s.user_agent, s.ip`

func scanSession(row interface{ Scan(...any) error }, extra ...any) (*stride.Session, error) {
	var s stride.Session
	var created, seen int64
	if err := row.Scan(append([]any{&s.ID, &s.UserID, &created, &seen, &s.UserAgent, &s.IP}, extra...)...); err != nil {
		return nil, err
	}
	s.CreatedAt, s.LastSeenAt = fromUnix(created), fromUnix(seen)
	return &s, nil
}

// joinedUser scans the user columns of a join (u.id, u.name, ...).
type joinedUser struct {
	u   stride.User
	ws  int
	rev int64
}

const joinedUserColumns = `u.id, u.name, u.time_zone, u.week_start, u.created_at, u.data_rev`

func (j *joinedUser) dest() []any {
	return []any{&j.u.ID, &j.u.Name, &j.u.TimeZone, &j.ws, &j.u.CreatedAt, &j.rev}
}

func (j *joinedUser) user() *stride.User {
	j.u.WeekStart = time.Weekday(j.ws)
	j.u.DataRev = &j.rev
	return &j.u
}

// FindSession returns the session whose secret hashes to secretHash and
// its user. A session older than maxAge, or unused for longer than idle,
// at now is deleted and reported as ENOTFOUND, like an unknown one; a zero
// idle or maxAge sets no such limit. last_seen_at becomes now only when it
// is a minute old or more, so that most requests only read.
func (as *AuthService) FindSession(ctx context.Context, secretHash []byte, now time.Time, idle, maxAge time.Duration) (*stride.Session, *stride.User, error) {
	var ju joinedUser
	s, err := scanSession(as.s.reads.QueryRowContext(ctx,
		`SELECT `+sessionColumns+`, `+joinedUserColumns+` FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.secret_hash = $1`, secretHash), ju.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, stride.Errorf(stride.ENOTFOUND, "no such session: sign in again")
	} else if err != nil {
		return nil, nil, fmt.Errorf("find session: %w", err)
	}
	if (maxAge > 0 && now.Sub(s.CreatedAt) > maxAge) || (idle > 0 && now.Sub(s.LastSeenAt) > idle) {
		if _, err := as.s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1`, s.ID); err != nil {
			return nil, nil, fmt.Errorf("end expired session: %w", err)
		}
		return nil, nil, stride.Errorf(stride.ENOTFOUND, "the session has expired: sign in again")
	}
	if now.Sub(s.LastSeenAt) >= touchEvery {
		s.LastSeenAt = seconds(now)
		if _, err := as.s.db.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE id = $2`,
			unix(s.LastSeenAt), s.ID); err != nil {
			return nil, nil, fmt.Errorf("touch session: %w", err)
		}
	}
	return s, ju.user(), nil
}

// FindSessions returns the user's sessions, newest first (none is an
// empty slice).
func (as *AuthService) FindSessions(ctx context.Context, userID int64) ([]*stride.Session, error) {
	rows, err := as.s.reads.QueryContext(ctx,
		`SELECT `+sessionColumns+` FROM sessions s WHERE s.user_id = $1 ORDER BY s.created_at DESC, s.id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("find sessions: %w", err)
	}
	defer rows.Close()
	sessions := []*stride.Session{}
	for rows.Next() {
		s, err := scanSession(rows)
		if err != nil {
			return nil, fmt.Errorf("find sessions: %w", err)
		}
		sessions = append(sessions, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find sessions: %w", err)
	}
	return sessions, nil
}

// DeleteSession ends the user's session id. It returns ENOTFOUND when the
// user has no such session, including another user's.
func (as *AuthService) DeleteSession(ctx context.Context, userID, id int64) error {
	res, err := as.s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete session: %w", err)
	} else if n == 0 {
		return stride.Errorf(stride.ENOTFOUND, "no session with id %d", id)
	}
	return nil
}

// DeleteSessions ends every session of the user; none is not an error.
func (as *AuthService) DeleteSessions(ctx context.Context, userID int64) error {
	if _, err := as.s.db.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("delete sessions: %w", err)
	}
	return nil
}

// CreateToken stores t for secretHash and sets t.ID. A zero CreatedAt
// becomes now; times are kept to the second and t holds the stored values.
// It returns EINVALID for a blank or overlong name, a scope other than
// read or read_write, an expiry not after creation, or an empty hash.
func (as *AuthService) CreateToken(ctx context.Context, t *stride.Token, secretHash []byte) error {
	t.Name = strings.TrimSpace(t.Name)
	switch {
	case t.Name == "":
		return stride.Errorf(stride.EINVALID, "a token needs a name, such as the script or device that uses it")
	case utf8.RuneCountInString(t.Name) > 100:
		return stride.Errorf(stride.EINVALID, "token name %q is too long: use at most 100 characters", t.Name)
	case t.Scope != stride.ScopeRead && t.Scope != stride.ScopeReadWrite:
		return stride.Errorf(stride.EINVALID, "token scope %q is not known: use %q or %q", t.Scope, stride.ScopeRead, stride.ScopeReadWrite)
	case len(secretHash) == 0:
		return stride.Errorf(stride.EINVALID, "a token needs the hash of its secret")
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = as.s.now()
	}
	t.CreatedAt = seconds(t.CreatedAt)
	if t.ExpiresAt != nil {
		e := seconds(*t.ExpiresAt)
		if !e.After(t.CreatedAt) {
			return stride.Errorf(stride.EINVALID, "the token would expire at %s, not after it is made: give a later expiry", e.Format(time.RFC3339))
		}
		t.ExpiresAt = &e
	}
	if t.LastUsedAt != nil {
		l := seconds(*t.LastUsedAt)
		t.LastUsedAt = &l
	}
	err := as.s.db.QueryRowContext(ctx,
		`INSERT INTO tokens (user_id, name, scope, secret_hash, last4, created_at, expires_at, last_used_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		t.UserID, t.Name, string(t.Scope), secretHash, t.Last4, unix(t.CreatedAt), nullUnix(t.ExpiresAt), nullUnix(t.LastUsedAt)).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("create token: %w", err)
	}
	return nil
}

const tokenColumns = `t.id, t.user_id, t.name, t.scope, t.last4, t.created_at, t.expires_at, t.last_used_at`

func scanToken(row interface{ Scan(...any) error }, extra ...any) (*stride.Token, error) {
	var t stride.Token
	var scope string
	var created int64
	var expires, used sql.Null[int64]
	if err := row.Scan(append([]any{&t.ID, &t.UserID, &t.Name, &scope, &t.Last4, &created, &expires, &used}, extra...)...); err != nil {
		return nil, err
	}
	t.Scope = stride.TokenScope(scope)
	t.CreatedAt, t.ExpiresAt, t.LastUsedAt = fromUnix(created), fromNullUnix(expires), fromNullUnix(used)
	return &t, nil
}

// FindToken returns the token whose secret hashes to secretHash and its
// user, or ENOTFOUND when there is none (never made, or revoked) or it has
// expired at now. last_used_at becomes now when unset or a minute old or
// more, so that most requests only read.
func (as *AuthService) FindToken(ctx context.Context, secretHash []byte, now time.Time) (*stride.Token, *stride.User, error) {
	var ju joinedUser
	t, err := scanToken(as.s.reads.QueryRowContext(ctx,
		`SELECT `+tokenColumns+`, `+joinedUserColumns+` FROM tokens t JOIN users u ON u.id = t.user_id
		WHERE t.secret_hash = $1`, secretHash), ju.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, stride.Errorf(stride.ENOTFOUND, "unknown or revoked token: create a new one with stride token create")
	} else if err != nil {
		return nil, nil, fmt.Errorf("find token: %w", err)
	}
	if t.ExpiresAt != nil && !now.Before(*t.ExpiresAt) {
		return nil, nil, stride.Errorf(stride.ENOTFOUND, "the token %q expired on %s: create a new one", t.Name, t.ExpiresAt.Format(time.DateOnly))
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= touchEvery {
		used := seconds(now)
		t.LastUsedAt = &used
		if _, err := as.s.db.ExecContext(ctx, `UPDATE tokens SET last_used_at = $1 WHERE id = $2`, unix(used), t.ID); err != nil {
			return nil, nil, fmt.Errorf("touch token: %w", err)
		}
	}
	return t, ju.user(), nil
}

// FindTokens returns the user's tokens, expired ones included, newest
// first (none is an empty slice).
func (as *AuthService) FindTokens(ctx context.Context, userID int64) ([]*stride.Token, error) {
	rows, err := as.s.reads.QueryContext(ctx,
		`SELECT `+tokenColumns+` FROM tokens t WHERE t.user_id = $1 ORDER BY t.created_at DESC, t.id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	defer rows.Close()
	tokens := []*stride.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("find tokens: %w", err)
		}
		tokens = append(tokens, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find tokens: %w", err)
	}
	return tokens, nil
}

// DeleteToken revokes the user's token id. It returns ENOTFOUND when the
// user has no such token, including another user's.
func (as *AuthService) DeleteToken(ctx context.Context, userID, id int64) error {
	res, err := as.s.db.ExecContext(ctx, `DELETE FROM tokens WHERE id = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return fmt.Errorf("delete token: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete token: %w", err)
	} else if n == 0 {
		return stride.Errorf(stride.ENOTFOUND, "no token with id %d", id)
	}
	return nil
}

// LoginFailures counts the failures recorded for key at since or later
// (to the second, rounding since down: a throttle errs on the strict side).
func (as *AuthService) LoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	if err := as.s.reads.QueryRowContext(ctx,
		`SELECT COUNT(*) FROM login_failures WHERE key = $1 AND at >= $2`, key, unix(since)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count login failures: %w", err)
	}
	return n, nil
}

// RecordLoginFailure records a failure for key at now. The first call and
// every pruneEvery-th after it also delete failures older than a day
// before now, so the table stays as small as the recent attempts.
func (as *AuthService) RecordLoginFailure(ctx context.Context, key string, now time.Time) error {
	if _, err := as.s.db.ExecContext(ctx, `INSERT INTO login_failures (key, at) VALUES ($1, $2)`, key, unix(now)); err != nil {
		return fmt.Errorf("record login failure: %w", err)
	}
	if as.failures.Add(1)%pruneEvery == 1 {
		if _, err := as.s.db.ExecContext(ctx, `DELETE FROM login_failures WHERE at < $1`, unix(now.Add(-failureTTL))); err != nil {
			return fmt.Errorf("prune login failures: %w", err)
		}
	}
	return nil
}

// ClearLoginFailures forgets the failures recorded for key.
func (as *AuthService) ClearLoginFailures(ctx context.Context, key string) error {
	if _, err := as.s.db.ExecContext(ctx, `DELETE FROM login_failures WHERE key = $1`, key); err != nil {
		return fmt.Errorf("clear login failures: %w", err)
	}
	return nil
}

// Setting returns the value of a server setting, "" when it is unset.
func (as *AuthService) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := as.s.reads.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// FindSettings returns every setting whose key starts with prefix (all of
// them for ""), empty when there is none.
func (as *AuthService) FindSettings(ctx context.Context, prefix string) (map[string]string, error) {
	rows, err := as.s.reads.QueryContext(ctx, `SELECT key, value FROM settings WHERE substr(key, 1, length($1)) = $1`, prefix)
	if err != nil {
		return nil, fmt.Errorf("find settings %s*: %w", prefix, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("find settings %s*: %w", prefix, err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find settings %s*: %w", prefix, err)
	}
	return out, nil
}

// SetSetting stores value for key, replacing any value. It returns
// EINVALID for an empty key.
func (as *AuthService) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return stride.Errorf(stride.EINVALID, "a setting needs a name")
	}
	if _, err := as.s.db.ExecContext(ctx,
		`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		key, value); err != nil {
		return fmt.Errorf("store setting %s: %w", key, err)
	}
	return nil
}

// ClaimSetting sets key to new if its value is old, "" meaning unset, and
// reports whether it did. Each step is one statement whose condition the
// database checks under the row's lock (PostgreSQL re-reads a row changed
// by a concurrent UPDATE before applying its WHERE; SQLite runs one writer
// at a time), so of several concurrent claims of one old value exactly one
// wins. It returns EINVALID for an empty key or new equal to old, which
// could be claimed again and again.
func (as *AuthService) ClaimSetting(ctx context.Context, key, old, new string) (bool, error) {
	if key == "" {
		return false, stride.Errorf(stride.EINVALID, "a setting needs a name")
	}
	if new == old {
		return false, stride.Errorf(stride.EINVALID, "claiming setting %s needs a new value different from the old one", key)
	}
	if old == "" {
		res, err := as.s.db.ExecContext(ctx,
			`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, key, new)
		if err != nil {
			return false, fmt.Errorf("claim setting %s: %w", key, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return false, fmt.Errorf("claim setting %s: %w", key, err)
		} else if n == 1 {
			return true, nil
		}
		// The key exists: it may hold "", which Setting reports as unset,
		// so fall through to the compare-and-swap.
	}
	res, err := as.s.db.ExecContext(ctx, `UPDATE settings SET value = $3 WHERE key = $1 AND value = $2`, key, old, new)
	if err != nil {
		return false, fmt.Errorf("claim setting %s: %w", key, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("claim setting %s: %w", key, err)
	}
	return n == 1, nil
}
