package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/sqlite"
)

// TestAccountZone: without TZ, days are the account's, as on the server;
// TZ still decides for one run. At the test clock (Sat 18:00 UTC) it is
// already Sunday in Kiritimati.
func TestAccountZone(t *testing.T) {
	h := newHarness(t)
	delete(h.vars, "TZ")
	h.ok("goal", "add", "walk", "--target", "30 min/day")
	svc, err := sqlite.Open(h.db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	u, err := svc.Users.FindUserByName(ctx, "tester")
	if err != nil {
		t.Fatal(err)
	}
	zone := "Pacific/Kiritimati"
	if _, err := svc.Auth.UpdateUser(ctx, u.ID, stride.UserUpdate{TimeZone: &zone}); err != nil {
		t.Fatal(err)
	}
	svc.Close()
	if out := h.ok("log", "walk", "10"); !strings.Contains(out, "on Sun 2026-11-22") {
		t.Errorf("log in the account's zone:\n%s", out)
	}
	h.vars["TZ"] = "UTC"
	if out := h.ok("log", "walk", "10"); !strings.Contains(out, "on Sat 2026-11-21") {
		t.Errorf("log with TZ=UTC:\n%s", out)
	}
}
