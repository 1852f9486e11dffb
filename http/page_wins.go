package http

import (
	"net/http"
	"strings"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// winsView is the wins page: what the record earned since a day, newest
// first, by month.
type winsView struct {
	Since string // YYYY-MM-DD, the form's value
	From  string // the day in words
	// Stretch says what the page shows: the last 30 days unless a day
	// was picked, newest first.
	Stretch string
	Months  []winMonth
	None    string
	Error   string
}

// winMonth is one month of wins.
type winMonth struct {
	Name string
	Wins []winLine
}

// winLine is one win.
type winLine struct {
	Day    string
	Kind   string
	Text   string
	GoalID *int64
	Goal   string
	WorkID *int64
	Work   string
}

// handleWinsPage lists the wins earned since ?since=, newest first; by
// default the last 30 days, as stride wins (stride.WinsSince), and the
// page says which stretch it shows.
func (s *Server) handleWinsPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		today := s.today(ctx)
		raw := strings.TrimSpace(r.URL.Query().Get("since"))
		since, err := formDate(raw, today, stride.WinsSince(today))
		if err == nil && since > today {
			err = stride.Errorf(stride.EINVALID, "since %s is after today: pick a day in the past", words.Day(since))
		}
		if err != nil {
			view := winsView{Since: raw, Error: stride.ErrorMessage(err)}
			s.render(w, r, http.StatusBadRequest, "wins.html", page{Title: "Wins", Nav: "wins", Data: view})
			return
		}
		wins, err := s.svc.Wins.FindWins(ctx, stride.WinFilter{Since: &since}, today)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		view := winsView{Since: since.String(), From: words.Day(since), Stretch: words.WinsStretch(raw != ""), None: words.NoWins}
		for i := len(wins) - 1; i >= 0; i-- { // newest first
			win := wins[i]
			month := win.Day.Time().Format("January 2006")
			if n := len(view.Months); n == 0 || view.Months[n-1].Name != month {
				view.Months = append(view.Months, winMonth{Name: month})
			}
			text := win.Text
			if text == "" {
				text = words.WinText(win)
			}
			m := &view.Months[len(view.Months)-1]
			m.Wins = append(m.Wins, winLine{Day: words.Day(win.Day), Kind: string(win.Kind), Text: text, GoalID: win.GoalID, Goal: win.Goal, WorkID: win.WorkID, Work: win.Work})
		}
		s.render(w, r, http.StatusOK, "wins.html", page{Title: "Wins", Nav: "wins", Data: view})
	})
}
