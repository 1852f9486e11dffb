package stride_test

import (
	"testing"

	"github.com/strideapp/stride"
)

func TestFocusTally(t *testing.T) {
	today := stride.NewDate(2026, 11, 21)
	day := func(n int) stride.Date { return today.AddDays(n) }
	from := func(n int) *stride.Date { d := day(n); return &d }
	for _, tc := range []struct {
		name                 string
		fs                   []*stride.Focus
		done, tasks, planned int
	}{
		{"none", nil, 0, 0, 0},
		{"one a day", []*stride.Focus{{Day: day(0), Done: true}, {Day: day(-1)}}, 1, 2, 0},
		{"tomorrow planned", []*stride.Focus{{Day: day(1)}, {Day: day(0), Done: true}}, 1, 1, 1},
		{"only planned", []*stride.Focus{{Day: day(2)}, {Day: day(1)}}, 0, 0, 2},
		{"carried over twice, open", []*stride.Focus{
			{Day: day(0), CarriedFrom: from(-2)}, {Day: day(-1), CarriedFrom: from(-2)}, {Day: day(-2)},
		}, 0, 1, 0},
		{"carried over twice, done at last", []*stride.Focus{
			{Day: day(0), CarriedFrom: from(-2), Done: true}, {Day: day(-1), CarriedFrom: from(-2)}, {Day: day(-2)},
		}, 1, 1, 0},
		{"the first day before the list", []*stride.Focus{ // listed since day -1: the carry names day -3
			{Day: day(0), CarriedFrom: from(-3)}, {Day: day(-1), CarriedFrom: from(-3)},
		}, 0, 1, 0},
		{"carried and planned", []*stride.Focus{
			{Day: day(1), CarriedFrom: from(-1)}, {Day: day(0), Done: true}, {Day: day(-1)},
		}, 1, 2, 1},
	} {
		done, tasks, planned := stride.FocusTally(tc.fs, today)
		if done != tc.done || tasks != tc.tasks || planned != tc.planned {
			t.Errorf("%s: %d of %d done, %d planned; want %d of %d, %d", tc.name, done, tasks, planned, tc.done, tc.tasks, tc.planned)
		}
	}
}
