package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/password"
)

// settingsView is the settings page: time zone, week start, password,
// the signed-in browsers and invite links.
type settingsView struct {
	TimeZone  string
	WeekStart time.Weekday
	Weekdays  []time.Weekday
	Zones     []string
	Sessions  []sessionLine
	Errors    fieldErrors
	// Registration is the server's mode, which decides whether the page
	// offers invite links; InviteURL is set once, right after one is made.
	Registration  stride.RegistrationMode
	InviteURL     string
	InviteExpires string
	// Invites are the user's links that still work, for revoking.
	Invites []inviteLine
}

// inviteLine is one working invite link of the user.
type inviteLine struct {
	ID, Short, Expires string
}

// sessionLine is one signed-in browser.
type sessionLine struct {
	ID       int64
	Current  bool
	Agent    string
	IP       string
	Since    string
	LastSeen string
}

// commonZones are suggested in the time zone field; any IANA name works.
var commonZones = []string{
	"UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
	"Europe/Rome", "Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw", "Europe/Athens", "Europe/Helsinki",
	"Europe/Istanbul", "Africa/Cairo", "Africa/Lagos", "Africa/Johannesburg", "Africa/Nairobi", "Asia/Dubai",
	"Asia/Kolkata", "Asia/Bangkok", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul",
	"Australia/Perth", "Australia/Sydney", "Pacific/Auckland", "America/Sao_Paulo", "America/Argentina/Buenos_Aires",
	"America/Mexico_City", "America/New_York", "America/Toronto", "America/Chicago", "America/Denver",
	"America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu",
}

// settingsPage renders the settings with the user's values, or with the
// form's values and what to fix.
func (s *Server) settingsPage(w http.ResponseWriter, r *http.Request, status int, view settingsView, msg string) {
	ctx := r.Context()
	u := stride.UserFromContext(ctx)
	sessions, err := s.svc.Auth.FindSessions(ctx, u.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if view.Registration, err = s.registration(ctx); err != nil {
		s.pageError(w, r, err)
		return
	}
	current := sessionFrom(ctx)
	loc := s.location(u) // times in the user's zone, as the review shows them
	for _, ss := range sessions {
		l := sessionLine{ID: ss.ID, Agent: browserName(ss.UserAgent), IP: ss.IP,
			Since: ss.CreatedAt.In(loc).Format("2 Jan 2006"), LastSeen: ss.LastSeenAt.In(loc).Format("2 Jan 2006 15:04")}
		l.Current = current != nil && current.ID == ss.ID
		view.Sessions = append(view.Sessions, l)
	}
	invites, err := ListInvites(ctx, s.svc.Auth, u.ID, s.now())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for _, in := range invites {
		view.Invites = append(view.Invites, inviteLine{ID: in.ID, Short: in.ID[:min(8, len(in.ID))],
			Expires: in.Expires.In(loc).Format("2 Jan 2006 15:04")})
	}
	view.Zones = commonZones
	view.Weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	s.render(w, r, status, "settings.html", page{Title: "Settings", Nav: "settings", Error: msg, Data: view})
}

// browserName shortens a user agent to what a person recognises.
func browserName(ua string) string {
	for _, b := range []string{"Firefox", "Edg", "Chrome", "Safari", "stride"} {
		if strings.Contains(ua, b) {
			if b == "Edg" {
				b = "Edge"
			}
			os := ""
			for _, o := range []string{"Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux"} {
				if strings.Contains(ua, o) {
					os = " on " + strings.Replace(o, "Mac OS", "macOS", 1)
					break
				}
			}
			return b + os
		}
	}
	if ua == "" {
		return "an unknown browser"
	}
	return ua
}

// handleSettingsPage shows the settings.
func (s *Server) handleSettingsPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := stride.UserFromContext(r.Context())
		s.settingsPage(w, r, http.StatusOK, settingsView{TimeZone: u.TimeZone, WeekStart: u.WeekStart}, "")
	})
}

// handleSettings stores the time zone and the first day of the week.
func (s *Server) handleSettings() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := stride.UserFromContext(r.Context())
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		tz := strings.TrimSpace(r.PostFormValue("time_zone"))
		ws := strings.TrimSpace(r.PostFormValue("week_start"))
		errs := fieldErrors{}
		if tz != "" {
			if _, err := time.LoadLocation(tz); err != nil || tz == "Local" {
				errs["time_zone"] = "“" + tz + "” is not a time zone this server knows: use a name such as Europe/Berlin or America/New_York, or leave it empty for the server's own."
			}
		}
		day, err := strconv.Atoi(ws)
		if err != nil || day < 0 || day > 6 {
			if wd, ok := stride.ParseWeekday(ws); ok {
				day = int(wd)
			} else {
				errs["week_start"] = "Pick the day your weeks start on."
			}
		}
		weekStart := time.Weekday(day)
		if len(errs) > 0 {
			s.settingsPage(w, r, http.StatusUnprocessableEntity, settingsView{TimeZone: tz, WeekStart: weekStart, Errors: errs},
				"The settings are unchanged so far: see the note beside the field.")
			return
		}
		if _, err := s.svc.Auth.UpdateUser(r.Context(), u.ID, stride.UserUpdate{TimeZone: &tz, WeekStart: &weekStart}); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, "/settings", "Saved: today follows "+zoneName(tz)+" and weeks start on "+weekStart.String()+".")
	})
}

func zoneName(tz string) string {
	if tz == "" {
		return "the server's time zone"
	}
	return tz
}

// handlePassword changes the password after checking the current one.
// Every session ends with it; this browser gets a new one.
func (s *Server) handlePassword() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		u := stride.UserFromContext(ctx)
		if err := parseForm(w, r); err != nil {
			s.pageError(w, r, err)
			return
		}
		current, pw, again := r.PostFormValue("current"), r.PostFormValue("password"), r.PostFormValue("password_again")
		view := settingsView{TimeZone: u.TimeZone, WeekStart: u.WeekStart, Errors: fieldErrors{}}
		_, stored, err := s.svc.Auth.PasswordHash(ctx, u.Name)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		ok := false
		if stored == "" {
			password.VerifyDummy(current)
		} else if ok, err = password.Verify(current, stored); err != nil {
			s.pageError(w, r, err)
			return
		}
		switch {
		case !ok:
			view.Errors["current"] = "That is not your current password: try again, it is needed to set a new one."
		case pw != again:
			view.Errors["password_again"] = "The two new passwords differ: type the same one twice."
		default:
			if msg := passwordProblem(pw); msg != "" {
				view.Errors["password"] = msg
			}
		}
		if len(view.Errors) > 0 {
			s.settingsPage(w, r, http.StatusUnprocessableEntity, view, "Your password is unchanged: see the note beside the field.")
			return
		}
		hash, err := password.Hash(pw)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if err := s.svc.Auth.SetPasswordHash(ctx, u.ID, hash); err != nil {
			s.pageError(w, r, err)
			return
		}
		if err := s.startSession(w, r, u); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, "/settings", "Your password is changed. Other browsers are signed out; this one stays signed in.")
	})
}

// handleInviteRevoke spends one of the user's invite links, so it stops
// working.
func (s *Server) handleInviteRevoke() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := stride.UserFromContext(r.Context())
		if err := RevokeInvite(r.Context(), s.svc.Auth, u.ID, r.PathValue("id"), s.now()); err != nil {
			s.pageError(w, r, err)
			return
		}
		s.redirect(w, r, "/settings", "That invite link no longer works. You can make a new one whenever you like.")
	})
}

// handleSessionDelete signs one browser out; signing out this one goes
// to the sign-in page.
func (s *Server) handleSessionDelete() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := stride.UserFromContext(r.Context())
		id, err := pageID(r, "session")
		if err == nil {
			err = s.svc.Auth.DeleteSession(r.Context(), u.ID, id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if cur := sessionFrom(r.Context()); cur != nil && cur.ID == id {
			s.clearSessionCookie(w, r)
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		s.redirect(w, r, "/settings", "That device is signed out.")
	})
}
