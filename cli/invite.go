package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/strideapp/stride"
	strhttp "github.com/strideapp/stride/http"
)

func (a *app) inviteCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "invite",
		Short: "Make invite links that create one account each",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(a.inviteCreateCmd(), a.inviteListCmd(), a.inviteRevokeCmd())
	return cmd
}

type inviteListOptions struct {
	user string
	json bool
}

func (a *app) inviteListCmd() *cobra.Command {
	var o inviteListOptions
	cmd := &cobra.Command{
		Use:   "list --user NAME [--json]",
		Short: "List the invite links of an account that still work",
		Long: `List the invite links an account made that are neither used, revoked nor
expired. The links themselves are not kept, so each is named by an id
(the start of its hash) for stride invite revoke.`,
		Example: `  stride invite list --user ada`,
		Args:    cobra.NoArgs,
		RunE:    a.run(func(cmd *cobra.Command, _ []string) error { return a.runInviteList(cmd.Context(), o) }),
	}
	f := cmd.Flags()
	f.StringVar(&o.user, "user", "", "the account whose invites to list")
	f.BoolVar(&o.json, "json", false, "print JSON: an array of {id, expires}")
	_ = cmd.MarkFlagRequired("user")
	return cmd
}

func (a *app) runInviteList(ctx context.Context, o inviteListOptions) error {
	svc, err := a.openAccounts(ctx)
	if err != nil {
		return err
	}
	u, err := a.namedUser(ctx, svc, strings.TrimSpace(o.user))
	if err != nil {
		return err
	}
	invites, err := strhttp.ListInvites(ctx, svc.Auth, u.ID, a.env.Now())
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(a.env.Stdout, invites)
	}
	if len(invites) == 0 {
		say(a.env.Stdout, "%s has no invite links that still work. Make one: stride invite create --user %s\n",
			u.Name, shellQuote(u.Name))
		return nil
	}
	for _, in := range invites {
		fmt.Fprintf(a.env.Stdout, "%s  works until %s\n", in.ID[:12], in.Expires.In(a.loc).Format("2006-01-02 15:04"))
	}
	return nil
}

func (a *app) inviteRevokeCmd() *cobra.Command {
	var user string
	cmd := &cobra.Command{
		Use:     "revoke --user NAME ID",
		Short:   "Make one of an account's invite links stop working",
		Example: `  stride invite revoke --user ada 3f2a9c1d`,
		Args:    cobra.ExactArgs(1),
		RunE: a.run(func(cmd *cobra.Command, args []string) error {
			svc, err := a.openAccounts(cmd.Context())
			if err != nil {
				return err
			}
			u, err := a.namedUser(cmd.Context(), svc, strings.TrimSpace(user))
			if err != nil {
				return err
			}
			if err := strhttp.RevokeInvite(cmd.Context(), svc.Auth, u.ID, args[0], a.env.Now()); err != nil {
				return err
			}
			fmt.Fprintf(a.env.Stdout, "Revoked invite %s of %s: its link no longer works.\n", args[0], u.Name)
			return nil
		}),
	}
	cmd.Flags().StringVar(&user, "user", "", "the account the invite comes from")
	_ = cmd.MarkFlagRequired("user")
	return cmd
}

type inviteCreateOptions struct {
	user, baseURL string
}

func (a *app) inviteCreateCmd() *cobra.Command {
	o := inviteCreateOptions{baseURL: a.env.Getenv("STRIDE_BASE_URL")}
	cmd := &cobra.Command{
		Use:   "create --user NAME [--base-url URL]",
		Short: "Make a one-time invite link; it is printed once, on stdout",
		Long: `Make an invite link, as the settings page of the web app does, for an
admin without a browser. The link alone goes to stdout; it creates one
account, works for seven days, and the server keeps only its hash. It
works while the server's registration is invite or open
(stride serve --registration invite).

Without --base-url (or $STRIDE_BASE_URL) only the path is printed: put
the server's address in front of it.`,
		Example: `  stride invite create --user ada --base-url https://stride.example
  LINK=$(stride invite create --user ada)`,
		Args: cobra.NoArgs,
		RunE: a.run(func(cmd *cobra.Command, _ []string) error { return a.runInviteCreate(cmd.Context(), o) }),
	}
	f := cmd.Flags()
	f.StringVar(&o.user, "user", "", "the account the invite comes from")
	f.StringVar(&o.baseURL, "base-url", o.baseURL, "the URL users reach the server at ($STRIDE_BASE_URL)")
	_ = cmd.MarkFlagRequired("user")
	return cmd
}

func (a *app) runInviteCreate(ctx context.Context, o inviteCreateOptions) error {
	base := strings.TrimSuffix(o.baseURL, "/")
	if base != "" && !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		return usagef("--base-url %q must start with http:// or https://", o.baseURL)
	}
	svc, err := a.openAccounts(ctx)
	if err != nil {
		return err
	}
	u, err := a.namedUser(ctx, svc, strings.TrimSpace(o.user))
	if err != nil {
		return err
	}
	token, expires, err := strhttp.CreateInvite(ctx, svc.Auth, u.ID, a.env.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(a.env.Stdout, base+"/invite/"+token)
	say(a.env.Stderr, "An invite from %s: it creates one account and works until %s. It is shown only this once.",
		u.Name, expires.In(a.loc).Format("2006-01-02 15:04"))
	mode, err := strhttp.Registration(ctx, svc.Auth, stride.RegistrationClosed)
	if err != nil {
		return err
	}
	if mode == stride.RegistrationClosed {
		say(a.env.Stderr, "Registration is closed on this server, so the link waits until it is invite or open (stride serve --registration invite).")
	}
	if base == "" {
		fmt.Fprintln(a.env.Stderr, "Put the server's address in front of the path, or give --base-url next time.")
	}
	return nil
}
