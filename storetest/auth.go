package storetest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strideapp/stride"
)

// authTests are the AuthService's part of the suite, run by Run.
var authTests = []struct {
	name string
	fn   func(t *testing.T, svc *stride.Services)
}{
	{"AuthPasswords", testAuthPasswords},
	{"AuthCreateAccount", testAuthCreateAccount},
	{"AuthUpdateUser", testAuthUpdateUser},
	{"AuthSessions", testAuthSessions},
	{"AuthSessionTimeouts", testAuthSessionTimeouts},
	{"AuthSessionsPerUser", testAuthSessionsPerUser},
	{"AuthTokens", testAuthTokens},
	{"AuthTokenExpiry", testAuthTokenExpiry},
	{"AuthLoginFailures", testAuthLoginFailures},
	{"AuthSettings", testAuthSettings},
	{"AuthClaimSettingConcurrent", testAuthClaimConcurrent},
}

// authNow is the clock of the auth tests: they pass it explicitly, as the
// server does, so timeouts are checked without waiting.
var authNow = time.Date(2026, 11, 21, 18, 0, 0, 0, time.UTC)

// hashOf stands in for the SHA-256 of a secret the server would make.
func hashOf(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// authUser returns a new user and the AuthService, failing the test when
// the store has none.
func authUser(t *testing.T, svc *stride.Services, name string) (stride.AuthService, *stride.User) {
	t.Helper()
	if svc.Auth == nil {
		t.Fatal("the store has no AuthService")
	}
	u, err := svc.Users.EnsureUser(context.Background(), name)
	must(t, "EnsureUser "+name, err)
	return svc.Auth, u
}

// testAuthCreateAccount checks that an account is made with its password
// or not at all.
func testAuthCreateAccount(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, _ := authUser(t, svc, "existing")
	u := &stride.User{Name: "cy", WeekStart: time.Sunday}
	must(t, "CreateAccount", a.CreateAccount(ctx, u, "$argon2id$v=19$cy"))
	got, hash, err := a.PasswordHash(ctx, "cy")
	must(t, "PasswordHash", err)
	if u.ID == 0 || got.ID != u.ID || got.WeekStart != time.Sunday || hash != "$argon2id$v=19$cy" {
		t.Errorf("after CreateAccount: user %+v (id %d), hash %q", got, u.ID, hash)
	}
	for _, c := range []struct {
		name, hash, code string
	}{
		{"existing", "$argon2id$v=19$x", stride.ECONFLICT},
		{"dee", "", stride.EINVALID},
		{"   ", "$argon2id$v=19$x", stride.EINVALID},
	} {
		nu := &stride.User{Name: c.name, WeekStart: time.Monday}
		wantCode(t, fmt.Sprintf("CreateAccount %q with hash %q", c.name, c.hash), a.CreateAccount(ctx, nu, c.hash), c.code)
		if nu.ID != 0 {
			t.Errorf("CreateAccount %q failed but set the id %d", c.name, nu.ID)
		}
	}
	if _, hash, _ := a.PasswordHash(ctx, "existing"); hash != "" {
		t.Errorf("a refused CreateAccount changed the existing user's password to %q", hash)
	}
	if _, _, err := a.PasswordHash(ctx, "dee"); stride.ErrorCode(err) != stride.ENOTFOUND {
		t.Errorf("an account without a password was made: %v", err)
	}
}

func testAuthPasswords(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, ada := authUser(t, svc, "ada")
	u, hash, err := a.PasswordHash(ctx, "ada")
	must(t, "PasswordHash", err)
	if u.ID != ada.ID || u.Name != "ada" || u.WeekStart != time.Monday || hash != "" {
		t.Errorf("PasswordHash before any is set = %+v, %q; want ada and \"\"", u, hash)
	}
	_, _, err = a.PasswordHash(ctx, "nobody")
	wantCode(t, "PasswordHash unknown", err, stride.ENOTFOUND)

	must(t, "SetPasswordHash", a.SetPasswordHash(ctx, ada.ID, "$argon2id$v=19$first"))
	if _, hash, _ = a.PasswordHash(ctx, "ada"); hash != "$argon2id$v=19$first" {
		t.Errorf("PasswordHash = %q, want the one set", hash)
	}
	wantCode(t, "SetPasswordHash unknown user", a.SetPasswordHash(ctx, ada.ID+1000, "x"), stride.ENOTFOUND)

	// A new password ends every session of the user, and only the user's.
	_, bo := authUser(t, svc, "bo")
	for i, uid := range []int64{ada.ID, ada.ID, bo.ID} {
		must(t, "CreateSession", a.CreateSession(ctx, &stride.Session{UserID: uid, CreatedAt: authNow}, hashOf(fmt.Sprint("s", i))))
	}
	must(t, "SetPasswordHash again", a.SetPasswordHash(ctx, ada.ID, "$argon2id$v=19$second"))
	for i, want := range []string{stride.ENOTFOUND, stride.ENOTFOUND, ""} {
		_, _, err := a.FindSession(ctx, hashOf(fmt.Sprint("s", i)), authNow, time.Hour, 24*time.Hour)
		wantCode(t, fmt.Sprintf("FindSession %d after the password changed", i), err, want)
	}
	if ss, err := a.FindSessions(ctx, ada.ID); err != nil || len(ss) != 0 {
		t.Errorf("FindSessions after the password changed = %d sessions, %v; want none", len(ss), err)
	}
}

func testAuthUpdateUser(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, ada := authUser(t, svc, "ada")
	u, err := a.UpdateUser(ctx, ada.ID, stride.UserUpdate{TimeZone: ptr("Europe/Paris")})
	must(t, "UpdateUser time zone", err)
	if u.TimeZone != "Europe/Paris" || u.WeekStart != time.Monday || u.Name != "ada" || u.ID != ada.ID {
		t.Errorf("UpdateUser time zone = %+v", u)
	}
	u, err = a.UpdateUser(ctx, ada.ID, stride.UserUpdate{WeekStart: ptr(time.Sunday)})
	must(t, "UpdateUser week start", err)
	if u.TimeZone != "Europe/Paris" || u.WeekStart != time.Sunday {
		t.Errorf("UpdateUser week start = %+v: the time zone should be kept", u)
	}
	found, err := svc.Users.FindUserByName(ctx, "ada")
	must(t, "FindUserByName", err)
	if found.TimeZone != "Europe/Paris" || found.WeekStart != time.Sunday || !found.CreatedAt.Equal(ada.CreatedAt) {
		t.Errorf("stored user = %+v", found)
	}
	for _, c := range []struct {
		what string
		upd  stride.UserUpdate
		msg  string
	}{
		{"unknown zone", stride.UserUpdate{TimeZone: ptr("Mars/Olympus")}, "IANA"},
		{"week start 7", stride.UserUpdate{WeekStart: ptr(time.Weekday(7))}, "0 Sunday to 6 Saturday"},
		{"week start -1", stride.UserUpdate{WeekStart: ptr(time.Weekday(-1))}, "0 Sunday to 6 Saturday"},
	} {
		_, err := a.UpdateUser(ctx, ada.ID, c.upd)
		wantCode(t, "UpdateUser "+c.what, err, stride.EINVALID)
		if err != nil && !strings.Contains(err.Error(), c.msg) {
			t.Errorf("UpdateUser %s: message %q does not say %q", c.what, err, c.msg)
		}
	}
	if found, _ := svc.Users.FindUserByName(ctx, "ada"); found.WeekStart != time.Sunday || found.TimeZone != "Europe/Paris" {
		t.Errorf("a refused update changed the user: %+v", found)
	}
	u, err = a.UpdateUser(ctx, ada.ID, stride.UserUpdate{TimeZone: ptr("")})
	must(t, "UpdateUser back to the machine's zone", err)
	if u.TimeZone != "" {
		t.Errorf("time zone = %q, want \"\"", u.TimeZone)
	}
	_, err = a.UpdateUser(ctx, ada.ID+1000, stride.UserUpdate{WeekStart: ptr(time.Monday)})
	wantCode(t, "UpdateUser unknown user", err, stride.ENOTFOUND)
}

func testAuthSessions(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, ada := authUser(t, svc, "ada")
	s1 := &stride.Session{UserID: ada.ID, CreatedAt: authNow, UserAgent: "Firefox", IP: "192.0.2.1"}
	must(t, "CreateSession", a.CreateSession(ctx, s1, hashOf("one")))
	s2 := &stride.Session{UserID: ada.ID, CreatedAt: authNow.Add(time.Hour), UserAgent: "curl"}
	must(t, "CreateSession 2", a.CreateSession(ctx, s2, hashOf("two")))
	if s1.ID == 0 || s2.ID == 0 || s1.ID == s2.ID {
		t.Fatalf("CreateSession ids %d and %d", s1.ID, s2.ID)
	}
	if !s1.LastSeenAt.Equal(authNow) {
		t.Errorf("a new session's LastSeenAt = %v, want its CreatedAt", s1.LastSeenAt)
	}
	wantCode(t, "CreateSession with the same secret", a.CreateSession(ctx, &stride.Session{UserID: ada.ID}, hashOf("one")), stride.EINTERNAL)

	got, u, err := a.FindSession(ctx, hashOf("one"), authNow.Add(time.Minute+time.Second), time.Hour, 0)
	must(t, "FindSession", err)
	if got.ID != s1.ID || got.UserID != ada.ID || got.UserAgent != "Firefox" || got.IP != "192.0.2.1" || !got.CreatedAt.Equal(authNow) {
		t.Errorf("FindSession = %+v, want %+v", got, s1)
	}
	if u.ID != ada.ID || u.Name != "ada" || u.WeekStart != time.Monday {
		t.Errorf("FindSession user = %+v", u)
	}
	_, _, err = a.FindSession(ctx, hashOf("three"), authNow, time.Hour, 0)
	wantCode(t, "FindSession unknown", err, stride.ENOTFOUND)

	list, err := a.FindSessions(ctx, ada.ID)
	must(t, "FindSessions", err)
	if len(list) != 2 || list[0].ID != s2.ID || list[1].ID != s1.ID {
		t.Errorf("FindSessions = %v, want session %d then %d (newest first)", list, s2.ID, s1.ID)
	}
	if list, _ := a.FindSessions(ctx, ada.ID+1000); len(list) != 0 {
		t.Errorf("FindSessions of nobody = %v", list)
	}

	must(t, "DeleteSession", a.DeleteSession(ctx, ada.ID, s1.ID))
	wantCode(t, "DeleteSession again", a.DeleteSession(ctx, ada.ID, s1.ID), stride.ENOTFOUND)
	_, _, err = a.FindSession(ctx, hashOf("one"), authNow, time.Hour, 0)
	wantCode(t, "FindSession after DeleteSession", err, stride.ENOTFOUND)

	must(t, "DeleteSessions", a.DeleteSessions(ctx, ada.ID))
	must(t, "DeleteSessions with none left", a.DeleteSessions(ctx, ada.ID))
	_, _, err = a.FindSession(ctx, hashOf("two"), authNow.Add(time.Hour), time.Hour, 0)
	wantCode(t, "FindSession after DeleteSessions", err, stride.ENOTFOUND)
}

func testAuthSessionTimeouts(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, ada := authUser(t, svc, "ada")
	const idle, maxAge = time.Hour, 24 * time.Hour
	find := func(secret string, at time.Time) (*stride.Session, error) {
		t.Helper()
		s, _, err := a.FindSession(ctx, hashOf(secret), at, idle, maxAge)
		return s, err
	}
	must(t, "CreateSession", a.CreateSession(ctx, &stride.Session{UserID: ada.ID, CreatedAt: authNow}, hashOf("idle")))

	// Within a minute of the last use, last_seen_at is left alone.
	s, err := find("idle", authNow.Add(30*time.Second))
	must(t, "FindSession after 30s", err)
	if !s.LastSeenAt.Equal(authNow) {
		t.Errorf("LastSeenAt after 30s = %v, want it unchanged at %v", s.LastSeenAt, authNow)
	}
	// Later uses move it, and the idle timeout counts from the last use.
	t1 := authNow.Add(50 * time.Minute)
	if s, err = find("idle", t1); err != nil || !s.LastSeenAt.Equal(t1) {
		t.Fatalf("FindSession after 50 min = %+v, %v; want LastSeenAt %v", s, err, t1)
	}
	list, _ := a.FindSessions(ctx, ada.ID)
	if len(list) != 1 || !list[0].LastSeenAt.Equal(t1) {
		t.Errorf("FindSessions after a use = %+v, want LastSeenAt %v stored", list, t1)
	}
	if _, err := find("idle", t1.Add(idle)); err != nil {
		t.Errorf("FindSession exactly idle after the last use: %v, want it found", err)
	}
	t2 := t1.Add(idle)
	_, err = find("idle", t2.Add(idle+time.Second))
	wantCode(t, "FindSession idle too long", err, stride.ENOTFOUND)
	_, err = find("idle", t2)
	wantCode(t, "FindSession of an expired session, at a time it was valid", err, stride.ENOTFOUND)

	// A session in steady use still ends at its absolute age.
	must(t, "CreateSession", a.CreateSession(ctx, &stride.Session{UserID: ada.ID, CreatedAt: authNow}, hashOf("busy")))
	for at := authNow; !at.After(authNow.Add(maxAge)); at = at.Add(45 * time.Minute) {
		if _, err := find("busy", at); err != nil {
			t.Fatalf("FindSession in steady use at %v: %v", at, err)
		}
	}
	_, err = find("busy", authNow.Add(maxAge+time.Second))
	wantCode(t, "FindSession past the absolute age", err, stride.ENOTFOUND)

	// Zero limits set none.
	must(t, "CreateSession", a.CreateSession(ctx, &stride.Session{UserID: ada.ID, CreatedAt: authNow}, hashOf("forever")))
	if _, _, err := a.FindSession(ctx, hashOf("forever"), authNow.AddDate(3, 0, 0), 0, 0); err != nil {
		t.Errorf("FindSession without limits three years on: %v", err)
	}
}

// testAuthSessionsPerUser checks that a secret finds its own user's session
// and nothing of another user's.
func testAuthSessionsPerUser(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, ada := authUser(t, svc, "ada")
	_, bo := authUser(t, svc, "bo")
	sa := &stride.Session{UserID: ada.ID, CreatedAt: authNow}
	sb := &stride.Session{UserID: bo.ID, CreatedAt: authNow}
	must(t, "CreateSession ada", a.CreateSession(ctx, sa, hashOf("ada's")))
	must(t, "CreateSession bo", a.CreateSession(ctx, sb, hashOf("bo's")))
	for secret, want := range map[string]*stride.User{"ada's": ada, "bo's": bo} {
		s, u, err := a.FindSession(ctx, hashOf(secret), authNow, time.Hour, 0)
		must(t, "FindSession "+secret, err)
		if u.ID != want.ID || s.UserID != want.ID {
			t.Errorf("the session of %s's secret belongs to user %d (%s)", secret, u.ID, u.Name)
		}
	}
	wantCode(t, "DeleteSession of another user's", a.DeleteSession(ctx, bo.ID, sa.ID), stride.ENOTFOUND)
	must(t, "DeleteSessions bo", a.DeleteSessions(ctx, bo.ID))
	if _, _, err := a.FindSession(ctx, hashOf("ada's"), authNow, time.Hour, 0); err != nil {
		t.Errorf("ending bo's sessions ended ada's: %v", err)
	}
	if list, _ := a.FindSessions(ctx, bo.ID); len(list) != 0 {
		t.Errorf("bo still has sessions: %v", list)
	}
}

func testAuthTokens(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, ada := authUser(t, svc, "ada")
	_, bo := authUser(t, svc, "bo")
	exp := authNow.AddDate(0, 0, 90)
	t1 := &stride.Token{UserID: ada.ID, Name: "phone", Scope: stride.ScopeRead, Last4: "WXYZ", CreatedAt: authNow, ExpiresAt: &exp}
	must(t, "CreateToken", a.CreateToken(ctx, t1, hashOf("tok1")))
	t2 := &stride.Token{UserID: ada.ID, Name: "laptop", Scope: stride.ScopeReadWrite, Last4: "ABCD", CreatedAt: authNow.Add(time.Hour)}
	must(t, "CreateToken 2", a.CreateToken(ctx, t2, hashOf("tok2")))
	tb := &stride.Token{UserID: bo.ID, Name: "phone", Scope: stride.ScopeReadWrite, Last4: "BOBO", CreatedAt: authNow}
	must(t, "CreateToken bo", a.CreateToken(ctx, tb, hashOf("tokb")))
	if t1.ID == 0 || t2.ID == 0 || t1.ID == t2.ID {
		t.Fatalf("CreateToken ids %d and %d", t1.ID, t2.ID)
	}
	for _, c := range []struct {
		what string
		tok  stride.Token
	}{
		{"blank name", stride.Token{UserID: ada.ID, Name: " ", Scope: stride.ScopeRead}},
		{"unknown scope", stride.Token{UserID: ada.ID, Name: "x", Scope: "admin"}},
		{"expiry before creation", stride.Token{UserID: ada.ID, Name: "x", Scope: stride.ScopeRead, CreatedAt: authNow, ExpiresAt: ptr(authNow.Add(-time.Hour))}},
	} {
		wantCode(t, "CreateToken "+c.what, a.CreateToken(ctx, &c.tok, hashOf("bad "+c.what)), stride.EINVALID)
	}

	got, u, err := a.FindToken(ctx, hashOf("tok1"), authNow.Add(time.Minute))
	must(t, "FindToken", err)
	if got.ID != t1.ID || got.UserID != ada.ID || got.Name != "phone" || got.Scope != stride.ScopeRead ||
		got.Last4 != "WXYZ" || !got.CreatedAt.Equal(authNow) || got.ExpiresAt == nil || !got.ExpiresAt.Equal(exp) {
		t.Errorf("FindToken = %+v, want %+v", got, t1)
	}
	if u.ID != ada.ID || u.Name != "ada" {
		t.Errorf("FindToken user = %+v", u)
	}
	if got.LastUsedAt == nil || !got.LastUsedAt.Equal(authNow.Add(time.Minute)) {
		t.Errorf("LastUsedAt after the first use = %v", got.LastUsedAt)
	}
	// Within a minute of the last use, last_used_at is left alone.
	got, _, err = a.FindToken(ctx, hashOf("tok1"), authNow.Add(90*time.Second))
	must(t, "FindToken again", err)
	if !got.LastUsedAt.Equal(authNow.Add(time.Minute)) {
		t.Errorf("LastUsedAt 30s later = %v, want it unchanged", got.LastUsedAt)
	}
	later := authNow.Add(10 * time.Minute)
	if _, _, err := a.FindToken(ctx, hashOf("tok1"), later); err != nil {
		t.Fatal(err)
	}
	if _, u, _ := a.FindToken(ctx, hashOf("tokb"), authNow); u == nil || u.ID != bo.ID {
		t.Errorf("bo's token found user %+v", u)
	}
	_, _, err = a.FindToken(ctx, hashOf("nope"), authNow)
	wantCode(t, "FindToken unknown", err, stride.ENOTFOUND)

	list, err := a.FindTokens(ctx, ada.ID)
	must(t, "FindTokens", err)
	if len(list) != 2 || list[0].ID != t2.ID || list[1].ID != t1.ID {
		t.Fatalf("FindTokens = %v, want tokens %d then %d (newest first)", list, t2.ID, t1.ID)
	}
	if list[1].LastUsedAt == nil || !list[1].LastUsedAt.Equal(later) || list[0].LastUsedAt != nil || list[0].ExpiresAt != nil {
		t.Errorf("FindTokens = %+v, %+v", list[0], list[1])
	}

	wantCode(t, "DeleteToken of another user's", a.DeleteToken(ctx, bo.ID, t1.ID), stride.ENOTFOUND)
	must(t, "DeleteToken", a.DeleteToken(ctx, ada.ID, t1.ID))
	wantCode(t, "DeleteToken again", a.DeleteToken(ctx, ada.ID, t1.ID), stride.ENOTFOUND)
	_, _, err = a.FindToken(ctx, hashOf("tok1"), authNow)
	wantCode(t, "FindToken revoked", err, stride.ENOTFOUND)
	if list, _ := a.FindTokens(ctx, bo.ID); len(list) != 1 || list[0].ID != tb.ID {
		t.Errorf("bo's tokens = %v", list)
	}
}

func testAuthTokenExpiry(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, ada := authUser(t, svc, "ada")
	exp := authNow.Add(48 * time.Hour)
	must(t, "CreateToken", a.CreateToken(ctx, &stride.Token{UserID: ada.ID, Name: "short", Scope: stride.ScopeRead, CreatedAt: authNow, ExpiresAt: &exp}, hashOf("short")))
	must(t, "CreateToken", a.CreateToken(ctx, &stride.Token{UserID: ada.ID, Name: "never", Scope: stride.ScopeRead, CreatedAt: authNow}, hashOf("never")))
	if _, _, err := a.FindToken(ctx, hashOf("short"), exp.Add(-time.Second)); err != nil {
		t.Errorf("FindToken a second before expiry: %v", err)
	}
	for _, at := range []time.Time{exp, exp.Add(time.Second), exp.AddDate(1, 0, 0)} {
		_, _, err := a.FindToken(ctx, hashOf("short"), at)
		wantCode(t, fmt.Sprintf("FindToken %v after expiry", at.Sub(exp)), err, stride.ENOTFOUND)
	}
	if _, _, err := a.FindToken(ctx, hashOf("never"), authNow.AddDate(10, 0, 0)); err != nil {
		t.Errorf("FindToken of a token without expiry ten years on: %v", err)
	}
	// An expired token is still listed, so its owner sees why a script stopped.
	if list, _ := a.FindTokens(ctx, ada.ID); len(list) != 2 {
		t.Errorf("FindTokens = %d tokens, want both", len(list))
	}
}

func testAuthLoginFailures(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, _ := authUser(t, svc, "ada")
	count := func(key string, since time.Time) int {
		t.Helper()
		n, err := a.LoginFailures(ctx, key, since)
		must(t, "LoginFailures", err)
		return n
	}
	// A day-old failure first, so that any pruning must come later.
	must(t, "RecordLoginFailure old", a.RecordLoginFailure(ctx, "old", authNow.Add(-49*time.Hour)))
	for _, ago := range []time.Duration{10 * time.Minute, 5 * time.Minute, 0} {
		must(t, "RecordLoginFailure", a.RecordLoginFailure(ctx, "name:ada", authNow.Add(-ago)))
	}
	must(t, "RecordLoginFailure", a.RecordLoginFailure(ctx, "ip:192.0.2.1", authNow))
	for _, c := range []struct {
		key   string
		since time.Time
		want  int
	}{
		{"name:ada", authNow.Add(-time.Hour), 3},
		{"name:ada", authNow.Add(-6 * time.Minute), 2},
		{"name:ada", authNow.Add(-5 * time.Minute), 2},
		{"name:ada", authNow.Add(time.Second), 0},
		{"ip:192.0.2.1", authNow.Add(-time.Hour), 1},
		{"name:bo", authNow.Add(-time.Hour), 0},
	} {
		if got := count(c.key, c.since); got != c.want {
			t.Errorf("LoginFailures(%s, since %v) = %d, want %d", c.key, authNow.Sub(c.since), got, c.want)
		}
	}
	must(t, "ClearLoginFailures", a.ClearLoginFailures(ctx, "name:ada"))
	must(t, "ClearLoginFailures with none", a.ClearLoginFailures(ctx, "name:ada"))
	if n := count("name:ada", time.Time{}); n != 0 {
		t.Errorf("after ClearLoginFailures %d failures remain", n)
	}
	if n := count("ip:192.0.2.1", time.Time{}); n != 1 {
		t.Errorf("clearing one key cleared another: %d left", n)
	}
	// Failures older than a day are pruned now and then.
	for range 200 {
		must(t, "RecordLoginFailure", a.RecordLoginFailure(ctx, "flood", authNow))
	}
	if n := count("old", time.Time{}); n != 0 {
		t.Errorf("a failure two days old survived 200 later failures")
	}
	if n := count("flood", authNow); n != 200 {
		t.Errorf("LoginFailures(flood) = %d, want 200: pruning removed recent failures", n)
	}
}

func testAuthSettings(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, _ := authUser(t, svc, "ada")
	get := func(key string) string {
		t.Helper()
		v, err := a.Setting(ctx, key)
		must(t, "Setting "+key, err)
		return v
	}
	if v := get("registration"); v != "" {
		t.Errorf("unset setting = %q, want \"\"", v)
	}
	must(t, "SetSetting", a.SetSetting(ctx, "registration", "open"))
	must(t, "SetSetting again", a.SetSetting(ctx, "registration", "closed"))
	if v := get("registration"); v != "closed" {
		t.Errorf("setting = %q, want closed", v)
	}
	wantCode(t, "SetSetting without a key", a.SetSetting(ctx, "", "x"), stride.EINVALID)

	for k, v := range map[string]string{"invite:a1": "1:100", "invite:b2": "spent", "invitee": "x", "inv": "y"} {
		must(t, "SetSetting "+k, a.SetSetting(ctx, k, v))
	}
	found, err := a.FindSettings(ctx, "invite:")
	must(t, "FindSettings", err)
	if len(found) != 2 || found["invite:a1"] != "1:100" || found["invite:b2"] != "spent" {
		t.Errorf("FindSettings(invite:) = %v, want invite:a1 and invite:b2", found)
	}
	if found, err := a.FindSettings(ctx, "nothing%"); err != nil || len(found) != 0 {
		t.Errorf("FindSettings(nothing%%) = %v, %v; want none", found, err)
	}

	claim := func(key, old, new string, want bool) {
		t.Helper()
		ok, err := a.ClaimSetting(ctx, key, old, new)
		must(t, "ClaimSetting", err)
		if ok != want {
			t.Errorf("ClaimSetting(%s, %q → %q) = %v, want %v", key, old, new, ok, want)
		}
	}
	claim("setup", "", "token-1", true) // absent counts as ""
	claim("setup", "", "token-2", false)
	claim("setup", "token-2", "spent", false)
	claim("setup", "token-1", "spent", true)
	claim("setup", "token-1", "spent-again", false)
	if v := get("setup"); v != "spent" {
		t.Errorf("setup = %q, want spent", v)
	}
	must(t, "SetSetting empty", a.SetSetting(ctx, "blank", ""))
	claim("blank", "", "x", true) // a stored "" is unset too
	_, err = a.ClaimSetting(ctx, "setup", "spent", "spent")
	wantCode(t, "ClaimSetting to the same value", err, stride.EINVALID)
	_, err = a.ClaimSetting(ctx, "", "", "x")
	wantCode(t, "ClaimSetting without a key", err, stride.EINVALID)
}

// testAuthClaimConcurrent has 8 claimers race for one value, twice: from
// unset (an insert) and from a set value (an update). Exactly one must win
// each race, so an invite or setup link is spent once.
func testAuthClaimConcurrent(t *testing.T, svc *stride.Services) {
	ctx := context.Background()
	a, _ := authUser(t, svc, "ada")
	race := func(old string) string {
		t.Helper()
		var wg sync.WaitGroup
		won := make([]bool, 8)
		errs := make([]error, 8)
		start := make(chan struct{})
		for i := range won {
			wg.Go(func() {
				<-start
				won[i], errs[i] = a.ClaimSetting(ctx, "invite", old, fmt.Sprint("claimer-", i, "-from-", old))
			})
		}
		close(start)
		wg.Wait()
		winner := ""
		for i, ok := range won {
			must(t, "ClaimSetting", errs[i])
			if ok {
				if winner != "" {
					t.Errorf("two claimers of %q won", old)
				}
				winner = fmt.Sprint("claimer-", i, "-from-", old)
			}
		}
		if winner == "" {
			t.Fatalf("no claimer of %q won", old)
		}
		if v, _ := a.Setting(ctx, "invite"); v != winner {
			t.Errorf("setting = %q, want the winner's %q", v, winner)
		}
		return winner
	}
	race(race(""))
}
