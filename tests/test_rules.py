"""Each classifier on questions of our own writing, in both languages: what must fire and what must not."""

import pytest

from helpdesk.assistant.rules import MESSAGE_RULES, QUESTION_RULES, Rule, classify_question

RULES: dict[str, Rule] = {rule.name: rule for rule in MESSAGE_RULES + QUESTION_RULES}

APPLICABILITY = [
    "Is our baby monitor covered by the Cyber Resilience Act?",
    "Does the reporting obligation apply to software we only use internally?",
    "Would a phishing mail to our staff count as a severe incident?",
    "Is a ransomware infection of our office network a severe incident?",
    "We patched the bug before anyone used it. Must we still report it?",
    "Do I need to notify this vulnerability?",
    "Are we obliged to report if we are only the distributor?",
    "Is it mandatory to report a vulnerability that was only exploited by a pentester?",
    "Can you confirm whether this is an actively exploited vulnerability?",
    "Which products have to report under the CRA?",
    "I'd like to know whether we need to report this incident.",
    "Is free open-source software we publish on GitHub in scope?",
    "Valt onze slimme deurbel onder de CRA?",
    "Moeten wij deze kwetsbaarheid melden?",
    "Is een DDoS-aanval op onze website een ernstig incident?",
    "Zijn wij als importeur meldplichtig?",
    "Telt een datalek in onze webshop als ernstig incident?",
    "Geldt de meldplicht ook voor onze oude modellen?",
    "Is de CRA van toepassing op maatwerksoftware?",
    "Ik wil graag weten of we dit moeten melden.",
    "Hoeven we een kwetsbaarheid die nog niet misbruikt is te melden?",
    "Wordt dit gezien als een actief uitgebuite kwetsbaarheid?",
    "The flaw is in a library we bundle: is it our responsibility to report it or the library's?",
    "Is het aan ons om dit te melden, of aan onze leverancier?",
    "Our reseller puts its own brand on the device: are we the ones who must notify, or they?",
    "Is a flaw in a component nobody can reach something we are obliged to report?",
    "Does Art. 14 apply to a hobby project we publish for free?",
    "Do I myself have to report it, or only the companies who sell devices with my library in them?",
    "Are start-ups with fewer than ten staff exempt from the reporting duty?",
    "A customer's password list leaked. Is that a 'severe incident'?",
    "Is a brute-force attack on our cloud login something we must report?",
    "Do we report a defaced status page at all?",
    "Is the obligation applying also to firmware we shipped last year?",
    "Moeten we een mislukte inlogpoging uberhaupt melden?",
    "Geldt die 72 uurs termijn ook voor ons als eenmanszaak?",
    "Gelden die termijnen ook voor onze oude camera's?",
    "We are a two-person shop, so is it optional for us?",
    "Is het melden dan vrijwillig voor ons?",
    "Are we exempt from the 24-hour early warning deadline because of our size?",
    "white label router - are we the manufacturer or the brand that sells it?",
    "severe incident under CRA y/n?",
    "Geldt artikel 14 ook voor apparaten die we niet meer verkopen?",
    "is the 24h reporting our job or not?",
    "If a zero-day turns up in my hobby library, do I personally have to report it?",
    "Wij verzoeken u te bevestigen of onze app onder de meldplicht valt en, zo ja, vanaf welke datum.",
    "Is a flaw that only our own pentesters used 'actively exploited'?",
    "model X200 is end of support since 2024 - does the reporting obligation still cover it?",
    "Zijn wij in dat geval 'fabrikant' in de zin van de CRA en dus meldplichtig?",
    "Worden wij dan als fabrikant gezien?",
    "I honestly don't know if the CRA even covers an app like mine.",
    "Does this trigger Article 14 for us?",
    "In your view, is that a severe incident under the CRA?",
    "Namens cliënte vraag ik u of er sprake is van een meldplicht nu een pentester het lek vond.",
    "we are not sure yet if our product (a smart garden irrigation controller) is in the scope of the CRA at all.",
    "Is this 'actively exploited' in the meaning of the law when only one customer is affected?",
    "moet da gemeld worden?",
    "We must report this or not?",
    "Moeten wij als importeur zelf meldingen doen?",
    "Onze distributeur vraagt ons of hij als distributeur zelf een melding dient te doen.",
    "Dient dit als een ernstig incident met gevolgen voor de beveiliging van ons product te worden gemeld?",
    "Is het lek in die library dan onze meldplicht of die van de ontwikkelaars?",
    "Does an exploit used only in our own lab constitute an 'actively exploited vulnerability' under Art. 3?",
    "Graag uw oordeel of cliënte als fabrikant in de zin van de verordening kwalificeert.",
    "Kunt u bevestigen dat cliënte in dit geval niet tot melding gehouden is?",
    "Who is the manufacturer here, we or the company that sells it under its own brand?",
    "wie is dan de fabrikant, wij of de webshop?",
    "is the CRA even for us if we only sell to other companies?",
    "So we must still report this?",
    "mijn eerste sloten heb ik in 2023 verkocht, voor die wet er was. tellen die nog mee?",
    "the lab found the bug during an audit - do we have to report it under Art. 14?",
    "Mijn zwager zegt dat ik het niet hoef te melden als het lek in andermans software zit. Klopt dat?",
    "is een fout in een library van een ander ook iets wat wij moeten melden?",
    "We are not certain whether a flaw in our discontinued model must be reported at all.",
    "mijn baas vraagt of een ddos-aanval op onze webshop een ernstig incident is",
    "does cra even cover browser extensions or is that only hardware",
    "idk if we even have to report this since it's only our backend",
    "Kindly confirm whether our cloud portal (used with the meters) comes under the CRA reporting obligation.",
    "not sure if that's a severe incident or not",
    "We would like to know if these old chargers are also concerned by the reporting obligation.",
    "Please advise whether Art. 14 reporting applies to our legacy camera line.",
    'Is this companion app itself a "product with digital elements" for which we must report vulnerabilities?',
    "Of ben ik nu zelf fabrikant omdat mijn merk erop staat?",
    'So which of us is actually the "manufacturer" that has to do the reporting - us or them?',
    'we just import bikes and stick our logo on them. does that make us the "manufacturer" or is it the factory?',
    "Question: under CRA, who is manufacturer in this case, we or our client?",
    "Kindly advise whether the Company, as a parent company outside the Union, is obligated to report under Article 14.",
    "if there's an actively exploited bug in a third party lib we use (like openssl), is that on us to report?",
    "iemand zette een exploit voor onze app online 😬 moeten we dat melden?",
    "we must report this within 24h now??",
    "We are not sure if we fall under the regulation with our gateway.",
    "Must we consider this as an actively exploited vulnerability and notify it, or can we wait?",
    "Does the reporting obligation still concern us in this situation?",
    "Is hij dan degene die moet melden?",
    "Is the CRA reporting obligation applicable also for B2B products like ours?",
    "We're trying to figure out whether a flaw only our own pen tester exploited counts as actively exploited.",
    "Is this 'actively exploited vulnerability' which we must notify within 24 hours?",
    "We are uncertain whether the duty to notify lies with us or with the open-source project.",
    "Do we as the integrator also have to file, or is that on the chip vendor?",
    "Hadden wij dit eigenlijk moeten melden?",
    "We would like to understand who actually carries the Article 14 reporting obligation: we or our importer?",
    "Is this serious enough that we must report it?",
    "Is dit ernstig genoeg om te melden?",
    "Val ik eigenlijk onder die CRA als ik alleen verkoop?",
    "Geldt dat meldgedoe eigenlijk wel voor zo'n klein bedrijfje als wij?",
    "Please confirm whether the reporting obligation falls on us or on our OEM.",
    "Our consultant says the gateway is not a 'product with digital elements'. Is that right?",
    "We must report it for the gateways too or only for the sensors?",
    "Is this one that we must report?",
    "Ons slot zit ook in hun app, moet ik dan nog melden of zij?",
    "als het lek alleen in een testversie zit dan hoeven we toch niet te melden?",
    "So we don't need to report this one, right?",
    "Gaarne vernemen wij of hier sprake is van een actief uitgebuite kwetsbaarheid.",
    "Telt dit als een ernstig incident?",
    "We kindly request your confirmation that the obligations of Article 14 apply to this legacy product.",
    "This need to be reported?",
    "Are small companies even inside this reporting thing, or is there some exception for startups?",
    "Does the reporting obligation of the CRA apply to us, or only NIS2?",
    "Telt zoiets als 'actief misbruikt' en moeten we het dan melden?",
    "Is it considered a vulnerability of our product which we have to report, or the library's?",
    "Does the CRA reporting obligation even apply to a pure SaaS product, or is this NIS2 territory only?",
    "If an attacker used stolen API keys to pull GPS traces of 40 vehicles, does that count as a severe incident?",
    'Is this considered "actively exploited", given that the attempts failed?',
    "telt dat mee voor de CRA?",
    "Telt dat dan voor mij, of moet die Chinese fabrikant dat melden?",
    "Moet ik dat dan ook melden, of geldt die wet alleen voor wat ik nu nog verkoop?",
    "Noemen ze dat dan een 'actief uitgebuite kwetsbaarheid'?",
    "Is zo'n gratis programmaatje nou ook iets waar die nieuwe wet over gaat?",
    "Moeten wij ons aan die meldplicht houden of nie?",
    "Wij verzoeken u te bevestigen dat deze software niet als product met digitale elementen dient te worden aangemerkt.",
    "geldt dat dan als ons lek en moeten wij dat melden?",
    "Ik verzoek u te bevestigen dat de meldplicht zich niet uitstrekt tot deze reeds verkochte meters.",
    "Rust de meldplicht in dat geval op ons als integrerende fabrikant, op de leverancier, of op beiden?",
    "Does the reporting obligation rest on us or on our chip supplier?",
    "Is dit nou zo'n 'ernstig incident' dat we moeten melden?",
    "is that OUR incident to report or theirs??",
    "does the Breda BV have its own reporting duty or is it just the parent?",
    "Is such an incident at a third party attributable to the Client for the purposes of Art. 14(3)?",
    "whether Art. 14 extends to software versions placed on the market in 2025",
    "In de refinement kwam de vraag op wie er nu eigenlijk 'de fabrikant' is: wij of het merk?",
    "Of geldt die alleen voor producten die na een bepaalde datum op de markt zijn gebracht?",
    "CRA apply to us or not?",
    "zijn we dan wel groot genoeg voor die meldplicht?",
    "of is dat alleen voor grote bedrijven?",
    "Geldt de 24-uurstermijn voor de vroegtijdige waarschuwing ook voor ons?",
]
NOT_APPLICABILITY = [
    "Must we make a complete new notification?",
    "Should we register now or only once we actually need to notify?",
    "Hij vraagt of hij dat zelf ergens kan melden.",
    "Would you be able to tell me what goes into the early warning if a product is hit by a severe incident?",
    "Can someone who is not the manufacturer report a flaw voluntarily?",
    "We would like to know if it is possible that the NCSC waits before sharing our notification.",
    "For the early warning, we would like to know if it is necessary to list all member states.",
    "What does the 72-hour incident notification need to cover beyond the early warning?",
    "Please confirm whether we can send the notification to this helpdesk address in an emergency.",
    "Do we need to list the member states somewhere in the report?",
    "Tellen de weekenden mee voor de termijn?",
    "Our lawyer says we must report this. What goes in the early warning?",
    "Do we have to send the notification to ENISA as well?",
    "Do we need to send the early warning in English?",
    "Must we report through the platform or can we email it?",
    "Since when does the reporting obligation apply?",
    "From which date do we have to report?",
    "What is a severe incident according to the regulation?",
    "Where do we report an actively exploited vulnerability?",
    "What must the final report contain?",
    "Moeten we ook apart bij ENISA melden?",
    "Vanaf wanneer geldt de meldplicht?",
    "Binnen welke termijn moeten we de vroegtijdige waarschuwing doen?",
    "Wat betekent ernstig incident?",
    "Hoe melden wij een actief uitgebuite kwetsbaarheid?",
    "Could you tell me what needs to be in the final report after we shipped a fix for an exploited vulnerability?",
    "Is there a way to submit notifications straight from our own systems?",
    "Bij wie moeten wij een ernstig incident melden?",
    "Aan wie moet ik het eindverslag melden?",
    "Is het voldoende om in de eerste melding alleen de lidstaten te noemen?",
    "Moeten wij bij het CERT in Duitsland melden of bij jullie?",
    "Which conformity assessment procedure applies to us?",
    "Moeten we eerst een account aanmaken voor dat meldplatform of kan je zo melden?",
    "Are weekends excluded from the reporting deadlines?",
    "Do we have to make a new notification from scratch to correct one field?",
    "Welke voorwaarden zijn daarop van toepassing?",
    "Welk formaat moet de melding hebben onder de CRA, JSON of PDF?",
    "Bij welk coordinerend CSIRT zou die fabrikant een melding onder de CRA moeten indienen?",
    'What counts as the start of the 24 hour clock - "becoming aware" - the first ticket or our confirmation?',
    "The early warning is in, do we need to send the notification too?",
    "We don't have to report it twice, do we?",
    "Hoeven we de eerste melding niet te sturen als het platform plat ligt?",
    "Graag verneem ik of het meldingsplatform ook in de Nederlandse taal beschikbaar is.",
    "Could you explain whether I, as firmware lead, could be registered in a secondary role and submit notifications?",
    "I would like to know whether it should be submitted through the reporting platform or by e-mail.",
    "Geldt voor het eindverslag inzake een actief uitgebuite kwetsbaarheid dezelfde termijn?",
    "We would be grateful for confirmation of the exact date from which Article 14 applies.",
    "Is there an exception for weekends?",
    "Geldt daarvoor een uitzondering voor kleine ondernemingen?",
    "Could you clarify whether such a request carries a deadline, and whether it displaces the final report?",
    "Is it the NCSC because of the importer, or the German one because most users are there?",
    "Does somebody on your side have to approve us before we can file anything?",
    "What counts as the start of the 24 hour clock?",
    "Krijgen we na het indienen een bevestiging dat we daarmee aan de CRA voldoen?",
    "Moeten we bij jullie melden of moet dat bij ENISA?",
    "Which rules apply to us when the platform is down?",
    "Does the 24 hour deadline apply to the final report too?",
    "Geldt de termijn van 24 uur ook voor de melding van een incident?",
]


@pytest.mark.parametrize("text", APPLICABILITY)
def test_applicability_is_recognised(text: str) -> None:
    assert RULES["applicability"](text)


@pytest.mark.parametrize("text", NOT_APPLICABILITY)
def test_how_to_questions_are_not_applicability(text: str) -> None:
    assert RULES["applicability"](text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Can I please talk to someone at NCSC?",
        "I want to speak with a real person about our case.",
        "Could somebody call me back on 06-12345678?",
        "Kan ik een medewerker spreken?",
        "Graag contact met iemand van jullie, kunt u mij bellen?",
        "Ik wil met een mens praten.",
        "Kan ik iemand van jullie aan de telefoon krijgen?",
        "Could I get someone on the phone about this?",
        "Please escalate this to your staff, the answer did not help.",
        "Kunnen we een overleg met jullie inplannen om onze procedure door te lopen?",
        "Could we schedule a short call with one of your advisers next week?",
    ],
)
def test_asking_for_a_person(text: str) -> None:
    assert RULES["asks-for-person"](text)


@pytest.mark.parametrize(
    "text",
    [
        "Can we phone the NCSC to report an incident?",
        "Who receives our report?",
        "Our engineer on duty did not escalate it until Monday. Can we still file the early warning?",
    ],
)
def test_questions_mentioning_people_are_not_requests_for_a_person(text: str) -> None:
    assert RULES["asks-for-person"](text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, that's clear now.",
        "Great, thanks a lot for the help!",
        "Top, bedankt!",
        "Helder, dank u wel voor het antwoord.",
        "ok got it, thx",
        "Wat fijn, dankjewel!",
        "That's all for today, cheers",
        "Dank voor het snelle antwoord. Het ticket mag wat ons betreft dicht.",
        "top, dank je wel, dat was wat ik wilde weten",
        "Thanks, that was what I wanted to know.",
        "thanks, that answers it!",
        "Many thanks for the clear explanation. The platform is back up and we have submitted our early warning. No "
        "further questions from our side.",
        "Hartelijk dank voor de uitgebreide beantwoording. U kunt het dossier wat mij betreft sluiten.",
        "Dank voor uw heldere antwoord. Wat mij betreft kan deze vraag als afgehandeld worden beschouwd.",
        "Thank you for these precisions, it is clear for us now. We have no other question for the moment.",
        "perfect, that's exactly what I needed for the runbook. cheers",
        "Thanks a lot for the quick and clear answer, we understand it now. We will create the platform accounts for "
        "our team this week.",
        "Hartelijk dank voor uw snelle antwoord! Mijn man was er erg blij mee en heeft het meteen uitgeprint en op het "
        "prikbord gehangen. Wij weten nu wat we moeten doen. Een zonnige groet uit Twente.",
        "Just closing the loop: our platform login is sorted and our primary rep is registered now. Thanks for the help "
        "earlier, really appreciated by the whole team here in Amsterdam!",
        "Thank you so much, that was really clear and you've put my mind at ease. I'll print it out for Pieter when he's "
        "back. Nothing else for now! Warm regards, Siobhan",
        "brilliant, that's exactly what I needed. efcharisto poly!",
    ],
)
def test_closing(text: str) -> None:
    assert RULES["closing"](text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks! And where do we send the final report?",
        "Bedankt. Nog een vraag: wat moet er in het eindverslag?",
        "thanks in advance, where do we report",
        "Noted with thanks. Kindly also clarify the timelines in case of a severe incident.",
    ],
)
def test_thanks_with_a_question_is_not_closing(text: str) -> None:
    assert RULES["closing"](text) is None


@pytest.mark.parametrize(
    "text",
    [
        "We hereby notify you of an actively exploited vulnerability in SmartHub 2.1 (CVE-2026-40001). Attackers gain root via the web UI. Please acknowledge receipt.",
        "Hierbij melden wij een ernstig incident: onze buildserver is gecompromitteerd en firmware versie 3.4.1 bevat mogelijk malware.",
        "Early warning: vulnerability in CamPro 5.0.2 exploited in the wild since yesterday at 22:00, hotfix in progress.",
        "Our update server was compromised last night. Attackers pushed firmware 2.2.9 to customers. We discovered it this morning at 07:00.",
        "Please treat this message as our notification.\n\nProduct: LumaCam 3\nAffected versions: 1.0 to 1.4\nImpact: remote code execution",
        "I want to report a vulnerability in the SmartBolt lock: the PIN check can be bypassed. Attached are my logs.",
        "Hierbij sturen wij u onze vroegtijdige waarschuwing.\n\nFabrikant: Voorbeeld B.V.\nProduct: Slimme meter SM-2",
        "Omdat het meldplatform niet werkt, versturen wij de incidentmelding per mail.\nProduct: BoilerLink\nKwetsbaarheid: CVE-2026-51234",
        "Dear NCSC, this is our early warning. We detected malware in firmware 4.2.1 of our doorbell at 06:10 today.",
        "ik meld bij deze een incident: malware op onze updateserver sinds gisteren om 23:00, klanten in NL en DE",
        "Ter info: zie hieronder onze incidentmelding van vanochtend.\n\nProduct: SlimSlot v2.3\nImpact: deuren openen op afstand",
        "Zie hieronder onze vroegtijdige waarschuwing, voor de volledigheid ook aan jullie.",
        "Please find attached our vulnerability notification for the record.",
        "Zie hieronder de melding van ons PSIRT, graag in behandeling nemen.",
        "ik wil melden dat onze controller BMC-400 actief wordt misbruikt via CVE-2026-39012. dit is onze melding.",
        "Ik ben onderzoeker en zag dat een lek in router NT-AX3000 actief wordt misbruikt. Bij deze meld ik dit.",
        "I found that the SL-3 lock accepts replayed unlock packets, exploited in the wild. Details and PoC attached. "
        "I'm reporting this to you so you can take it up with the manufacturer.",
        "On behalf of our client, please accept this e-mail as their notification. Product: GridBox 2, firmware 1.4.2.",
        "ik wil een melding doen: onze routers worden sinds gisteren aangevallen via CVE-2026-11111",
        "MELDING ERNSTIG INCIDENT\nOp 3 oktober is onze buildserver gecompromitteerd; firmware 2.8.1 bevat malware.",
        "Hierbij doen wij, conform artikel 14, tweede lid, onder a, van de verordening, een vroegtijdige waarschuwing. "
        "Product: SlimSlot 3, firmware 2.1.4.",
        "Hierbij willen wij melden dat er een lek zit in onze laadpaal LP-2 (versie 4.0.1). Sinds gisteren passen "
        "onbekenden de instellingen aan.",
        "Ik wil even melden dat iemand via internet in de camera's van twee klanten heeft gezeten. Het gaat om zo'n 80 "
        "stuks.",
        "Please accept this email as Acme Inc.'s early warning submittal.\n- Product: Acme Cam 2, firmware 3.2.0\n"
        "- Issue: authentication bypass",
        "URGENT - active exploitation CVE-2026-41877 in gateway fw 2.4.1 at 3 client sites. IOCs attached. pls forward to "
        "whoever handles this",
        "Hierbij doe ik melding van een kwetsbaarheid die actief wordt misbruikt.\nApparaat: SmartPlug SP-10, "
        "firmwareversie 2.1.7",
        "Early warning per CRA Art. 14(2)(a).\n\nManufacturer: Lumeo Labs\nProduct: Lumeo Gateway G2, firmware 3.6.0",
        "I want to report exploited vulnerability:\nProduct: ShopForm 2\nIssue: SQL injection, exploited since Monday",
        "SEVERE INCIDENT: our signing key was stolen and a malicious update reached some devices. Please log this as our "
        "early warning, the platform is not working for us.",
        "Bij deze wil ik melden dat onze weegschalen sinds dinsdagavond hun gegevens naar een onbekend adres sturen. "
        "Iemand is op onze cloudserver ingebroken. Wilt u dit in behandeling nemen?",
        "With this e-mail we submit the early warning for an actively exploited vulnerability.\n\nManufacturer: MediTrack "
        "B.V.\nProduct: MediTrack app 4.2.6\n\nPlease confirm the receipt.",
        "MELDING!! onze backend is vannacht gehackt, 300 accounts overgenomen. kunnen jullie dit doorzetten naar enisa?",
        "Hierbij meld ik een lek in onze gateway. Sinds gisteravond logt iemand in vanaf een ip adres in het buitenland. "
        "Getroffen: 14 gateways. Willen jullie bevestigen dat de melding binnen is?",
        "Hierbij doet Hollandia Connected Group N.V., gevestigd te Amsterdam, ingevolge artikel 14 een vroegtijdige waarschuwing van een actief "
        "uitgebuite kwetsbaarheid.\n\nProduct: HC-Gateway 3\n\nIk verzoek u de ontvangst van deze melding te bevestigen.",
        "Hi NCSC, sending this through as our early warning since we couldn't get the portal sorted:\n- Manufacturer: "
        "Dropbear Aero\n- Product: DB-7 drone, firmware 4.2.0\nPlease confirm you've got this.",
        "reporting an incident here: someone pushed rogue firmware to our bikes through our OTA server, 400 bikes "
        "affected. pls treat this as our early warning",
        "Bij deze laten wij weten dat we een ernstig incident hebben gehad. Iemand heeft een aangepaste update op onze "
        "updateserver gezet.",
    ],
)
def test_actual_notifications_are_recognised(text: str) -> None:
    assert RULES["actual-notification"](text)


@pytest.mark.parametrize(
    "text",
    [
        "What should we write in the early warning about the attackers?",
        "How do we report a CVE that attackers are exploiting?",
        "Hoe melden we een incident waarbij onze server is gecompromitteerd?",
        "Product: LumaCam 3. Which fields of the notification form must we fill in for it?",
        "Can we send our notification to you by e-mail if the platform is down?",
        "Hieronder onze vraag over de melding: moet de productversie erin?",
        "See below the notification requirements we found; which apply to the early warning?",
        "if an attacker used stolen API keys from a contractors laptop to pull GPS traces of about 40 vehicles, does that "
        "count as a severe incident under the CRA or is it just a GDPR breach?",
        "A PoC for CVE-2026-3317 (our gateway firmware 2.1.4) was dropped on GitHub last night; no IoCs yet. Does this "
        'already count as "actively exploited" under Art. 3(42), so our clock is running?',
        "When we are reporting an incident, what goes in the early warning?",
    ],
)
def test_questions_about_notifying_are_not_notifications(text: str) -> None:
    assert RULES["actual-notification"](text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Which harmonised standards can we use for our router?",
        "Do we need a CE marking for our app?",
        "Hoe lang moeten we beveiligingsupdates leveren?",
        "Hoe lang moet de supportperiode van onze router zijn?",
        "Welke informatie moet in de SBOM?",
        "Can you test our firmware for vulnerabilities?",
        "What fines can we get under the CRA?",
        "Moeten we ons ook onder NIS2 registreren?",
        "Hoe schrijf ik een beleid voor coordinated vulnerability disclosure voor onze website?",
        "What does eHerkenning level 3 cost?",
        "hoe lang moeten we eigenlijk beveiligingsupdates blijven leveren voor onze slimme stekkers?",
        "what is the maximum fine if we miss a CRA deadline?",
        "what goes into the technical file for our gateway?",
        "Welke geldboetes kunnen worden opgelegd, en wie is belast met de handhaving?",
        "how long do we have to keep shipping security updates for the app?",
        "Hoe stel ik een beleid voor gecoördineerde kwetsbaarheidsmelding op?",
        "How should we store our customers' passwords securely?",
        "Hoe lang zijn wij gehouden beveiligingsupdates te leveren?",
        "Is there guidance on secure development for our firmware team?",
        "We are unsure whether our radar is an important product of class I and whether we need a notified body.",
        "How long are we required to keep shipping security updates under the CRA?",
        "cyclonedx or spdx?",
    ],
)
def test_topics_outside_reporting(text: str) -> None:
    assert RULES["outside-reporting"](text)


@pytest.mark.parametrize(
    "text",
    [
        "Is an email to our customers and a post on our website fine for informing them?",
        "What goes in the final report on a vulnerability?",
        "Waar dien ik de incidentmelding in?",
        "Who can get a password for the reporting platform?",
    ],
)
def test_reporting_questions_are_not_outside(text: str) -> None:
    assert RULES["outside-reporting"](text) is None


def test_a_rule_says_why_it_fired() -> None:
    reason = RULES["applicability"]("Valt onze app onder de CRA?")
    assert reason and "onder" in reason


@pytest.mark.parametrize(
    "text",
    [
        "Moeten we dit ook bij de Autoriteit Persoonsgegevens melden?",
        "Does a CRA notification also count as our personal data breach notification under the GDPR?",
    ],
)
def test_whether_another_law_applies_is_that_laws_question(text: str) -> None:
    classified = classify_question(text)
    assert classified is not None and classified[0] == "outside-reporting"


def test_whether_the_cra_applies_beside_another_law_is_still_applicability() -> None:
    question = "Vallen wij daarmee onder de meldplicht van de CRA, of lopen incidenten alleen via het NIS2-regime?"
    classified = classify_question(question)
    assert classified is not None and classified[0] == "applicability"
