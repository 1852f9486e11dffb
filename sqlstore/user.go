package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/strideapp/stride"
)

// UserService implements stride.UserService. It is not scoped by the
// context's user: it is how that user is found.
type UserService struct{ s *store }

var _ stride.UserService = (*UserService)(nil)

const userColumns = `id, name, time_zone, week_start, created_at`

func scanUser(row interface{ Scan(...any) error }) (*stride.User, error) {
	var u stride.User
	var ws int
	if err := row.Scan(&u.ID, &u.Name, &u.TimeZone, &ws, &u.CreatedAt); err != nil {
		return nil, err
	}
	u.WeekStart = time.Weekday(ws)
	return &u, nil
}

// FindUserByName returns the user with exactly this name, ENOTFOUND when
// there is none, or an internal error.
func (us *UserService) FindUserByName(ctx context.Context, name string) (*stride.User, error) {
	u, err := scanUser(us.s.reads.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE name = $1`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, stride.Errorf(stride.ENOTFOUND, "no user named %q", name)
	} else if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return u, nil
}

// FindUsers returns every user by name, or an internal error.
func (us *UserService) FindUsers(ctx context.Context) ([]*stride.User, error) {
	rows, err := us.s.reads.QueryContext(ctx, `SELECT `+userColumns+` FROM users`)
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	defer rows.Close()
	var users []*stride.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("find users: %w", err)
		}
		users = append(users, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	// Sorted in Go: the databases' collations disagree on order.
	sort.Slice(users, func(i, j int) bool { return users[i].Name < users[j].Name })
	return users, nil
}

func validateUser(u *stride.User) error {
	u.Name = strings.TrimSpace(u.Name)
	if u.Name == "" {
		return stride.Errorf(stride.EINVALID, "a user needs a name")
	}
	if utf8.RuneCountInString(u.Name) > 100 {
		return stride.Errorf(stride.EINVALID, "user name %q is too long: use at most 100 characters", u.Name)
	}
	if u.WeekStart < time.Sunday || u.WeekStart > time.Saturday {
		return stride.Errorf(stride.EINVALID, "week start %d is not a weekday (0 Sunday to 6 Saturday)", u.WeekStart)
	}
	if u.TimeZone != "" {
		if _, err := time.LoadLocation(u.TimeZone); err != nil {
			return stride.Errorf(stride.EINVALID, "time zone %q is not known: use an IANA name such as Europe/Paris", u.TimeZone)
		}
	}
	return nil
}

// CreateUser stores u as given (WeekStart 0 is Sunday) and sets its ID and
// CreatedAt. It returns EINVALID for a blank name, an unknown time zone or
// a bad week start, ECONFLICT when the name is taken, or an internal error.
func (us *UserService) CreateUser(ctx context.Context, u *stride.User) error {
	return us.s.createUser(ctx, u, "")
}

// createUser stores u, with a password hash unless hash is "", and sets
// its ID and creation time.
func (st *store) createUser(ctx context.Context, u *stride.User, hash string) error {
	if err := validateUser(u); err != nil {
		return err
	}
	conflict := stride.Errorf(stride.ECONFLICT, "a user named %q already exists", u.Name)
	now := st.now()
	err := st.inTx(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM users WHERE name = $1`, u.Name).Scan(&one)
		if err == nil {
			return conflict
		} else if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("create user: %w", err)
		}
		err = tx.QueryRowContext(ctx,
			`INSERT INTO users (name, time_zone, week_start, created_at, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			u.Name, u.TimeZone, int(u.WeekStart), now, hash).Scan(&u.ID)
		if st.isUnique(err) {
			return conflict
		} else if err != nil {
			return fmt.Errorf("create user: %w", err)
		}
		return nil
	})
	if err != nil {
		u.ID = 0
		return err
	}
	u.CreatedAt = now
	return nil
}

// EnsureUser returns the user with this name, creating it on first use with
// weeks starting on Monday. Concurrent first uses get the same user. It
// returns EINVALID for a blank name, or an internal error.
func (us *UserService) EnsureUser(ctx context.Context, name string) (*stride.User, error) {
	u, err := us.FindUserByName(ctx, name)
	if stride.ErrorCode(err) != stride.ENOTFOUND {
		return u, err
	}
	nu := &stride.User{Name: name, WeekStart: time.Monday}
	if err := validateUser(nu); err != nil {
		return nil, err
	}
	// ON CONFLICT makes a race with another process harmless: both read
	// the row that won.
	if _, err := us.s.db.ExecContext(ctx,
		`INSERT INTO users (name, time_zone, week_start, created_at) VALUES ($1, '', $2, $3) ON CONFLICT (name) DO NOTHING`,
		nu.Name, int(nu.WeekStart), us.s.now()); err != nil {
		return nil, fmt.Errorf("ensure user: %w", err)
	}
	return us.FindUserByName(ctx, nu.Name)
}
