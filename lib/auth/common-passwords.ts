// Refused passwords (lower-cased): the most common leaked passwords that satisfy the length rule,
// plus product-specific guesses. Extend freely; checks are case-insensitive.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', 'qwertyuiopas', 'qwertyuiop123',
  'qwerty123456', 'password1234', 'password12345', 'password123456', 'passwordpassword', 'iloveyou1234',
  '1q2w3e4r5t6y', '1qaz2wsx3edc', 'qazwsxedcrfv', '111111111111', '000000000000', '123123123123',
  'abcdefghijkl', 'abc123456789', 'letmein12345', 'welcome12345', 'welcome123456', 'adminadmin123',
  'administrator', 'changeme1234', 'football1234', 'baseball1234', 'superman1234', 'trustno1trustno1',
  'monkey123456', 'dragon123456', 'sunshine1234', 'princess1234', 'starwars1234', 'qwertyqwerty',
  'asdfghjkl123', 'zaq12wsxcde3', 'passw0rd1234', 'p@ssw0rd1234', 'p@ssword1234', 'password!234',
  'correcthorsebatterystaple', 'iloveyou12345', '1234567890qwerty', 'qwerty1234567', '987654321098', '135792468000',
  'aaaaaaaaaaaa', 'abcabcabcabc', '123qweasdzxc', 'welcome2024!', 'welcome2025!', 'welcome2026!',
  'summer2024!!', 'winter2024!!', 'spring2025!!', 'password2024', 'password2025', 'password2026',
  'roofing12345', 'contractor123', 'fishmouth123', 'fishmouth1234', 'letmeinplease', 'mypassword123',
  'thisismypassword', 'secretpassword',
])
