package importer

import (
	"testing"

	"github.com/strideapp/stride"
)

func TestCountTarget(t *testing.T) {
	for _, tc := range []struct {
		num, den int
		want     string
		problem  bool
	}{
		{1, 1, "1 time/day", false}, {1, 7, "1 time/week", false}, {3, 7, "3 times/week", false},
		{2, 3, "2 times/3 days", false}, {1, 14, "1 time/14 days", false}, {4, 30, "4 times/month", false},
		{10, 31, "10 times/month", false}, {2, 1, "1 time/day", true}, {1, 400, "1 time/366 days", true},
		{5, 700, "3 times/366 days", true},
	} {
		var problems []string
		got := CountTarget(tc.num, tc.den, func(s string) { problems = append(problems, s) })
		if got.String() != tc.want || (len(problems) > 0) != tc.problem {
			t.Errorf("CountTarget(%d, %d) = %s, problems %q; want %s", tc.num, tc.den, got, problems, tc.want)
		}
		if err := stride.ValidateTarget(got, ""); err != nil {
			t.Errorf("CountTarget(%d, %d): %v", tc.num, tc.den, err)
		}
	}
}
