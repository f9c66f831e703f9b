# cmake -DIN=campaign.jsonl -DOUT=file.jsonl -P pgo_training_without_country.cmake
#
# Writes the bundled campaign with every recipient's `country` and `region`
# removed, for the PGO training run (cmake/SendpolicyPgo.cmake). The campaign
# names the country on almost every line, but many backends send only a
# phone number, and then evaluate() derives the country from it: without
# such lines in the training that whole path was compiled as cold code (an
# audit of the peers' stream, which names no country, ran ~2% slower).
file(READ "${IN}" text)
string(REGEX REPLACE "\"country\":\"[A-Z]+\",?" "" text "${text}")
string(REGEX REPLACE "\"region\":\"[A-Z0-9-]+\",?" "" text "${text}")
string(REPLACE ",}" "}" text "${text}")
file(WRITE "${OUT}" "${text}")
