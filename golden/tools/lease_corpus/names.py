"""Name and place pools: landlords, tenants, people, brokers, streets, cities and buildings.

All choices are made by the caller's seeded random.Random, so the pools only need to be fixed lists.
"""

PLACE_WORDS = ["Harbor Point", "Cedar Ridge", "Granite Peak", "Riverside", "Lakeshore", "Summit",
               "Meridian", "Bluestone", "Ironwood", "Copper Creek", "Foxhall", "Westgate",
               "Northpoint", "Pinecrest", "Stonebridge", "Parkline", "Redwood", "Silver Lake",
               "Eastlake", "Canyon View", "Alder Park", "Bayshore", "Crescent", "Highland",
               "Juniper", "Kingsbridge", "Larkspur", "Millbrook", "Oakmont", "Prairie Wind",
               "Quarry Hill", "Sable Ridge", "Tamarack", "Union Square", "Vista Verde",
               "Willow Bend", "Arbor Gate", "Beacon Hill", "Clearwater", "Driftwood"]

LANDLORD_SUFFIXES = ["Properties LLC", "Holdings, LLC", "Owner LLC", "Partners, L.P.",
                     "Realty Investors, LLC", "Office Fund II, LLC", "Investors LP",
                     "Property Company", "Industrial REIT, L.P.", "Commercial Properties, Inc.",
                     "Venture, LLC", "Associates, Ltd."]

ENTITY_DESCS = [
    ("a Delaware limited liability company", ("LLC", "L.L.C.")),
    ("a Delaware limited partnership", ("L.P.", "LP")),
    ("a Texas limited partnership", ("L.P.", "LP", "Ltd.")),
    ("a Colorado limited liability company", ("LLC", "L.L.C.")),
    ("a California limited liability company", ("LLC",)),
    ("a Maryland corporation", ("Inc.", "Company", "Corp.")),
    ("a Delaware corporation", ("Inc.", "Corp.", "Company", "Co.")),
    ("an Arizona limited liability company", ("LLC", "PLLC")),
    ("a Washington corporation", ("Inc.", "Corp.")),
    ("a Georgia limited liability company", ("LLC",)),
    ("a Texas professional limited liability company", ("PLLC",)),
    ("a North Carolina professional corporation", ("P.C.", "P.A.")),
    ("a Minnesota nonprofit corporation", ("Inc.",)),
    ("an Illinois corporation", ("Inc.", "Corp.", "Co.")),
]

TENANT_STEMS = ["Northwind Analytics", "Acme Widgets", "Blue Fern Dental", "Keystone Logistics",
                "Brightline Software", "Tri-County Physical Therapy", "Urban Grind Coffee",
                "Pioneer Title", "Summit Orthopedic Associates", "Copperleaf Insurance Agency",
                "Helix Biosciences", "Red Mesa Engineering", "Lumen Legal Group",
                "Greenway Solar", "Atlas Freight Systems", "Bella Vita Salon",
                "Harborview Family Medicine", "Quantum Ledger Accounting", "Sparrow Learning Center",
                "Vantage Wealth Advisors", "Ironclad Fitness", "Pacific Crest Realty",
                "Clearpath Staffing", "Mosaic Design Studio", "Trident Marine Supply",
                "Evergreen Pediatrics", "Silverline Data", "Cobalt Robotics", "Rio Grande Tile",
                "Prairie Home Health", "Stellar Dental Arts", "Falcon Aerospace Components",
                "Golden Spoon Bistro", "Redline Auto Glass", "Anchor Point Counseling",
                "Orion Environmental", "Kestrel Capital Partners", "Maple Leaf Printing",
                "Westbrook Veterinary Clinic", "Nimbus Cloud Services", "Sagebrush Outfitters",
                "Bright Horizons Chiropractic", "Cascade Medical Imaging", "Delta Pack & Ship",
                "Everstone Architects", "Fresh Fields Market", "Granite State Brewing",
                "Hillcrest Optometry", "Indigo Yoga Collective", "Juniper Home Furnishings"]

LAW_FIRM_STEMS = ["Smith, Alvarez & Chen", "Baker Hollis & Wright", "Okafor, Lind & Patel",
                  "Marsh & Delgado"]

FIRST = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David",
         "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
         "Sarah", "Carlos", "Priya", "Wei", "Aisha", "Diego", "Hannah", "Mateo", "Olivia",
         "Noah", "Emma", "Liam", "Sofia", "Ethan", "Grace", "Hiroshi", "Fatima", "Andre",
         "Chloe", "Samuel", "Nadia", "Victor", "Leah", "Kwame", "Ingrid", "Rafael", "Mei",
         "Tomas", "Yara", "Declan", "Rosa", "Omar", "Claire"]
LAST = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
        "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson",
        "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White",
        "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Chen", "Nguyen",
        "Patel", "Okafor", "Kowalski", "Lindqvist", "Mendoza", "Raman", "Tanaka", "Haddad",
        "O'Brien", "Fitzgerald", "Novak", "Alvarez", "Castillo", "Brennan", "Sato", "Abbott",
        "Whitaker", "Delgado"]
MIDDLE = "ABCDEFGHJKLMNPRSTW"

BROKERS = ["CBRE, Inc.", "Jones Lang LaSalle Americas, Inc.", "Cushman & Wakefield U.S., Inc.",
           "Newmark Real Estate", "Colliers International", "Avison Young", "Lee & Associates",
           "NAI Partners", "Transwestern", "Marcus & Millichap", "Savills Inc.",
           "Kidder Mathews", "Stream Realty Partners, L.P.", "Cresa"]

STREET_NAMES = ["Market Street", "Main Street", "Congress Avenue", "East Camelback Road",
                "Peachtree Street NE", "Wacker Drive", "Larimer Street", "Broadway",
                "Industrial Parkway", "Commerce Drive", "Lakeview Boulevard", "North Central Avenue",
                "Pine Street", "Elm Avenue", "West Colfax Avenue", "Riverfront Parkway",
                "Technology Drive", "Corporate Center Drive", "South Tryon Street",
                "Westheimer Road", "Sand Lake Road", "Fifth Avenue", "Oak Lawn Avenue",
                "Ponce de Leon Avenue", "University Boulevard", "Airport Road", "Ridge Road",
                "Harbor Drive", "Canal Street", "Maple Avenue", "Cedar Lane", "Sunset Boulevard",
                "Mission Street", "Division Street", "Grand Avenue", "Washington Street",
                "Park Avenue South", "Hillside Drive", "Old Town Road", "Gateway Boulevard"]

RES_STREETS = ["Larkin Street", "Maple Court", "Willow Lane", "Birch Street", "Orchard Drive",
               "Sycamore Avenue", "Hawthorne Street", "Juniper Way", "Lakeview Terrace",
               "Magnolia Drive", "Chestnut Street", "Laurel Avenue", "Aspen Circle",
               "Poplar Street", "Bluebonnet Lane", "Cypress Avenue", "Dogwood Drive",
               "Rosewood Court", "Spruce Street", "Valley View Road"]

# (city, state full, state abbreviation, ZIP prefix)
CITIES = [("Denver", "Colorado", "CO", "802"), ("Austin", "Texas", "TX", "787"),
          ("Phoenix", "Arizona", "AZ", "850"), ("Atlanta", "Georgia", "GA", "303"),
          ("Chicago", "Illinois", "IL", "606"), ("Charlotte", "North Carolina", "NC", "282"),
          ("Houston", "Texas", "TX", "770"), ("Dallas", "Texas", "TX", "752"),
          ("Orlando", "Florida", "FL", "328"), ("Seattle", "Washington", "WA", "981"),
          ("Portland", "Oregon", "OR", "972"), ("Nashville", "Tennessee", "TN", "372"),
          ("Salt Lake City", "Utah", "UT", "841"), ("Minneapolis", "Minnesota", "MN", "554"),
          ("Raleigh", "North Carolina", "NC", "276"), ("Tampa", "Florida", "FL", "336"),
          ("Columbus", "Ohio", "OH", "432"), ("Kansas City", "Missouri", "MO", "641"),
          ("San Diego", "California", "CA", "921"), ("Sacramento", "California", "CA", "958"),
          ("Reno", "Nevada", "NV", "895"), ("Boise", "Idaho", "ID", "837"),
          ("Richmond", "Virginia", "VA", "232"), ("Indianapolis", "Indiana", "IN", "462"),
          ("Des Moines", "Iowa", "IA", "503"), ("Albuquerque", "New Mexico", "NM", "871"),
          ("San Antonio", "Texas", "TX", "782"), ("Scottsdale", "Arizona", "AZ", "852"),
          ("Boulder", "Colorado", "CO", "803"), ("Tucson", "Arizona", "AZ", "857")]

BUILDING_KINDS = ["Tower", "Plaza", "Center", "Corporate Center", "Office Park", "Building",
                  "Commons", "Place", "Business Park", "Medical Pavilion"]

APARTMENT_NAMES = ["Maple Court Apartments", "The Residences at Cedar Ridge", "Willow Bend Flats",
                   "Harbor Point Lofts", "Sagebrush Village", "Parkline Apartments",
                   "Oakmont Terrace", "The Alder", "Silver Lake Commons", "Juniper Heights",
                   "Crescent Park Apartments", "Riverside Gardens"]

MGMT_COMPANIES = ["Sunbelt Residential Management, Inc.", "Keystone Property Management LLC",
                  "Bluebird Residential Services", "Alder Lane Management Co.",
                  "Summit Living Partners LLC"]


def person(rng, middle=False):
    f, l = rng.choice(FIRST), rng.choice(LAST)
    if middle:
        return f"{f} {rng.choice(MIDDLE)}. {l}"
    return f"{f} {l}"


def place(rng):
    return rng.choice(PLACE_WORDS)


def zip_code(rng, prefix):
    return f"{prefix}{rng.randint(1, 99):02d}"
