package importer

import (
	"fmt"
	"math"

	"github.com/strideapp/stride"
)

// MaxPeriodDays is stride's longest "every N days" period.
const MaxPeriodDays = 366

// CountTarget returns the target of a yes/no habit done times in every
// days days: "1 time/day", "3 times/week" (days 7), "2 times/month" (days
// 30 or 31, as Loop and harsh mean a month) or "2 times/3 days". problem
// is told, in a sentence, what had to change: more times than days
// becomes every day, and a period over MaxPeriodDays shrinks to it with
// the times scaled (at least 1).
func CountTarget(times, days int, problem func(string)) stride.Target {
	if times >= days {
		if times > days {
			problem(fmt.Sprintf("%d times per %d days counts more days than it has: imported as every day", times, days))
		}
		return stride.Target{Amount: 1, Count: true, Per: stride.PerDay}
	}
	t := stride.Target{Amount: float64(times), Count: true}
	if days > MaxPeriodDays {
		n := max(1, int(math.Round(float64(times)*MaxPeriodDays/float64(days))))
		problem(fmt.Sprintf("stride's longest period is %d days: %d times per %d days is imported as %d per %d days", MaxPeriodDays, times, days, n, MaxPeriodDays))
		t.Amount, days = float64(n), MaxPeriodDays
	}
	SetPeriod(&t, days, problem)
	return t
}

// SetPeriod sets the period of t to days days: a day, a week (7), a month
// (30 or 31) or every N days; over MaxPeriodDays it is told to problem and
// becomes MaxPeriodDays.
func SetPeriod(t *stride.Target, days int, problem func(string)) {
	switch {
	case days <= 1:
		t.Per = stride.PerDay
	case days == 7:
		t.Per = stride.PerWeek
	case days == 30 || days == 31:
		t.Per = stride.PerMonth
	case days > MaxPeriodDays:
		problem(fmt.Sprintf("stride's longest period is %d days: the target per %d days is imported per %d days", MaxPeriodDays, days, MaxPeriodDays))
		t.Per, t.Every = stride.PerDays, MaxPeriodDays
	default:
		t.Per, t.Every = stride.PerDays, days
	}
}

// PeriodWords names the period SetPeriod gives days: "day", "week",
// "month" or "N days".
func PeriodWords(days int) string {
	switch {
	case days <= 1:
		return "day"
	case days == 7:
		return "week"
	case days == 30 || days == 31:
		return "month"
	}
	return fmt.Sprintf("%d days", min(days, MaxPeriodDays))
}
