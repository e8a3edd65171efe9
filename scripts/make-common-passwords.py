#!/usr/bin/env python3
"""Writes platform/auth/common-passwords.txt: the most common passwords of the well-known public
breach lists (typed in from memory, as every such list opens the same way), plus the long forms
people build from them to pass a 12-character rule (repeats, words with years and digits, keyboard
walks). Lower case, one a line, sorted. Rerun after editing the seeds below."""
import itertools, os

TOP = """123456 password 123456789 12345678 12345 qwerty 1234567 111111 1234567890 123123 abc123 1234 password1
iloveyou 1q2w3e4r 000000 qwerty123 zaq12wsx dragon sunshine princess letmein 654321 monkey 27653 1qaz2wsx
123321 qwertyuiop superman asdfghjkl 1q2w3e4r5t 123qwe 987654321 666666 121212 football baseball welcome
admin login master hello freedom whatever qazwsx trustno1 shadow michael jordan harley ranger buster soccer
hockey killer george charlie andrew michelle love jessica pepper daniel access 123abc starwars mustang
computer batman thomas tigger robert summer hunter ginger hammer silver 696969 maggie cheese banana
flower secret pass internet samsung google liverpool arsenal chelsea yankees matrix cookie orange lovely
nicole jennifer ashley joshua amanda anthony 11111111 88888888 12341234 passw0rd p@ssw0rd p@ssword
abcd1234 qwer1234 asdf1234 zxcvbnm asdfgh zxcvbn 147258369 159753 112233 55555 7777777 987654 aaaaaa
abcdef abcdefg 1111 0000 999999 131313 222222 333333 444444 555555 777777 888888 123654 102030 changeme
default guest root toor test test123 testing administrator adminadmin user demo sample temp temp123
qwerty1 qwerty12 password12 password123 password1234 welcome1 welcome123 letmein1 monkey123 dragon123
iloveyou1 princess1 sunshine1 football1 baseball1 superman1 loveme lovelove mylove babygirl angel
family friends forever happy smile beautiful rainbow butterfly purple jesus christ blessed heaven
chocolate pokemon naruto minecraft fortnite roblox spiderman pikachu snoopy garfield mickey
thailand bangkok vietnam hanoi saigon cambodia phnompenh laos vientiane myanmar yangon china beijing
shanghai asean mekong"""

WORDS = """password passw0rd p@ssw0rd qwerty qwerty123 admin welcome letmein iloveyou trustno1 abc123 monkey dragon sunshine princess
football baseball superman batman master hello freedom whatever shadow michael charlie summer winter
spring autumn secret love lovely computer internet google samsung apple orange banana cheese chocolate
flower hunter killer soccer hockey jordan thomas daniel andrew robert michelle jessica ashley jennifer
nicole amanda joshua matthew william david richard joseph james john mary linda patricia elizabeth
thailand bangkok vietnam hanoi saigon cambodia laos myanmar yangon china beijing shanghai homeward
changeme default guest user test access login system office manager service support security
starwars pokemon minecraft liverpool arsenal chelsea manchester barcelona madrid tiger dragonfly
buddha family friends forever happy smile beautiful rainbow butterfly purple heaven angel baby
monday tuesday friday sunday january february march april august september october november december""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789", "!", "1!", "123!",
            "@123", "#1", "01", "007", "69", "99", "2000", "2010", "2015", "2018", "2019", "2020", "2021", "2022",
            "!@#", "!!", "?", "."]
# Years, the commonest way to make a word longer: plain, with "!" and with "@".
SUFFIXES += [f"{p}{y}{s}" for y in range(2000, 2031) for p, s in (("", ""), ("", "!"), ("@", ""))]
WALKS = ["qwertyuiop", "qwertyuiopasdfghjkl", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv",
         "qazwsxedc", "qazwsxedcrfv", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u8i", "q1w2e3r4t5y6", "zaq1xsw2cde3",
         "qwertyuiop123", "asdfghjkl123", "qwerty123456", "qwertyqwerty", "asdfasdfasdf", "zxcvzxcvzxcv",
         "!qaz@wsx#edc", "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "abcdefghijkl", "abcdefghijklmnop", "abc123abc123",
         "1234567890qwerty", "0987654321", "1029384756", "147258369147", "159357159357", "741852963",
         "aaaaaaaaaaaa", "111111111111", "000000000000", "123123123123", "121212121212", "12341234123412",
         "123456789012", "1234567890123", "12345678901234", "123456654321", "123456123456", "112233445566",
         "1122334455667788", "11223344556677889900", "abcabcabcabc", "qweasdzxc123", "qweasdzxcqwe"]

out = set()
for w in TOP.split():
    out.add(w)
for w in WORDS:
    for s in SUFFIXES:
        out.add(w + s)
        out.add(w.capitalize().lower() + s)
    out.add(w + w)
    out.add(w + w + "1")
    out.add(w + "123456789")
    out.add("my" + w)
    out.add("my" + w + "123")
    out.add("i love " + w)
    out.add("iloveyou" + w)
for a, b in itertools.product(["password", "qwerty", "welcome", "admin", "letmein", "iloveyou"], ["password", "qwerty", "welcome", "admin", "letmein", "123456", "homeward"]):
    out.add(a + b)
out.update(WALKS)
for digits in range(4, 21):
    out.add("".join(str((i + 1) % 10) for i in range(digits)))
for ch in "abcdefghijklmnopqrstuvwxyz0123456789":
    for n in (8, 10, 12, 14, 16):
        out.add(ch * n)

path = os.path.join(os.path.dirname(__file__), "..", "platform", "auth", "common-passwords.txt")
with open(path, "w") as f:
    f.write("\n".join(sorted(w.lower() for w in out)) + "\n")
print(len(out))
