"""Function words of Dutch and English that say nothing about which article answers a question."""

STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from into onto about as than then so too very
    is are was were be been being am do does did doing have has had having
    will would shall should can could may might must
    i me my mine we us our ours you your yours he him his she her it its they them their
    this that these those there here
    what which who whom whose how why also just only still even please kindly hello hi dear thanks thank
    any some all each every no not yes nor own same such both either neither one ones
    get got make made let know tell question questions regarding concerning about exactly actually really
    need needs needed want wants like explain precisely two first second another more go goes going just
    wonder wondering anything something thing things way ways example through via during quick quickly
    eu european union europese unie
    de het een en of maar als dan dus te in op aan bij voor met van uit naar om over tot door tegen zonder
    is zijn was waren ben bent wordt worden werd geworden word heb hebt heeft hebben had hadden
    zal zullen zou zouden kan kun kunt kunnen mag mogen moet moeten moest hoeft hoeven wil wilt willen
    ik mij me mijn wij we ons onze jij je jou jouw u uw hij hem zijn zij ze haar hun hen het dit dat deze die
    er hier daar wat welke welk wie hoe waarom nog al ook wel niet geen graag even eigenlijk precies
    vraag vragen beste hallo goedemorgen bedankt dank alvast svp aub
    willen weten vertellen uitleggen twee eerste tweede andere gaan gaat iets dingen manier nodig tijdens
    doen doe doet gedaan
    daarin daarbij daarvoor daarna daarop daarmee erin erbij ervoor erna hierin hierbij hiervoor sommige enkele bepaalde
    therein thereby some certain tussen between
    allemaal gewoon nou toch echt ergens zomaar trouwens uberhaupt else besides otherwise basically simply anyway
    somewhere somehow instead plaats ok oke okay zelf themselves ourselves myself yourself itself
    firmware software app apps server device devices apparaat apparaten versie version build smart slimme
    january february march april may june july august september october november december januari februari maart
    mei juni juli augustus oktober monday tuesday wednesday thursday friday saturday sunday maandag dinsdag woensdag
    donderdag vrijdag zaterdag zondag today yesterday tomorrow vandaag gisteren morgen
    dergelijke dergelijk alsmede zulks voorts derhalve ingevolge gaarne verneem vernemen verneemt omtrent inzake
    teneinde aldus hiervan daarvan waarvan indien ingeval geschieden geschiedt thans alvorens daartoe tevens eveneens
    reeds middels hetgeen ondergetekende hoogachtend geachte jl zelfde dezelfde hetzelfde eig lol
    zo sinds stel ja dient weet goed top paar kom komen kreeg hiermee bv da niks steeds mogelijk goedendag groet
    best regard regards since re possible possibly morning much rather everything below see make don ve clear find
    pursuant hereby herein thereof whereas furthermore moreover additionally accordingly grateful appreciate
    clarification purposes advise clarify revert needful
    """.split()
)
