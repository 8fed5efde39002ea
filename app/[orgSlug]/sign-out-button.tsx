// Sign out through next-auth's endpoint (the auth area's sign-out also revokes the registry session).
export function SignOutButton() {
  return (
    <form action="/api/auth/signout" method="post">
      <button type="submit" className="w-full text-left text-sm text-red-700 hover:underline">Sign out</button>
    </form>
  )
}
