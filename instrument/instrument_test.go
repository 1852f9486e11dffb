package instrument_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/instrument"
	"github.com/strideapp/stride/storetest"
)

// The wrapped services must behave exactly like the store: the whole
// conformance suite runs through them.
func TestConformanceThroughInstrument(t *testing.T) {
	storetest.Run(t, func(t *testing.T) *stride.Services {
		return instrument.Services(storetest.OpenSQLite(t), func(string, string, time.Duration, error) {})
	})
}

func TestObserves(t *testing.T) {
	type call struct {
		svc, method string
		code        string
	}
	var (
		mu    sync.Mutex
		calls []call
	)
	svc := instrument.Services(storetest.OpenSQLite(t), func(s, m string, d time.Duration, err error) {
		mu.Lock()
		defer mu.Unlock()
		if d < 0 {
			t.Errorf("%s.%s took %v", s, m, d)
		}
		calls = append(calls, call{s, m, stride.ErrorCode(err)})
	})
	ctx := context.Background()
	u, err := svc.Users.EnsureUser(ctx, "ada")
	if err != nil {
		t.Fatal(err)
	}
	ctx = stride.NewContextWithUser(ctx, u)
	if _, err := svc.Goals.FindGoalByID(ctx, 42); stride.ErrorCode(err) != stride.ENOTFOUND {
		t.Fatalf("FindGoalByID: %v", err)
	}
	if _, _, err := svc.Auth.PasswordHash(ctx, "ada"); err != nil {
		t.Fatal(err)
	}
	want := []call{{"user", "EnsureUser", ""}, {"goal", "FindGoalByID", stride.ENOTFOUND}, {"auth", "PasswordHash", ""}}
	if len(calls) != len(want) {
		t.Fatalf("observed %v, want %v", calls, want)
	}
	for i := range want {
		if calls[i] != want[i] {
			t.Errorf("call %d: %v, want %v", i, calls[i], want[i])
		}
	}
}
